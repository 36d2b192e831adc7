package dev.verity.bench.panache;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** The platform's {@code outbox_event} row; born published, so card-service's relay never sends it. */
@Entity
@Table(name = "outbox_event")
public class BaselineOutboxEvent extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long seq;
    public UUID id;
    public String topic;
    @Column(name = "record_key")
    public String recordKey;
    public String type;
    public String source;
    public String subject;
    @Column(name = "occurred_at")
    public Instant occurredAt;
    public String payload;
    @Column(name = "published_at")
    public Instant publishedAt;
}
