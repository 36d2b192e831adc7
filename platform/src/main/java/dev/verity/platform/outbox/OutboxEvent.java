package dev.verity.platform.outbox;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One event waiting to be published (or already published, until retention removes it). */
@Entity
@Table(name = "outbox_event")
public class OutboxEvent {

    /** Commit order; the relay publishes in this order. */
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long seq;

    /** The CloudEvents id: unique per event, what consumers deduplicate on. */
    @Column(nullable = false, unique = true)
    public UUID id;

    @Column(nullable = false)
    public String topic;

    @Column(name = "record_key", nullable = false)
    public String recordKey;

    @Column(nullable = false)
    public String type;

    @Column(nullable = false)
    public String source;

    public String subject;

    @Column(name = "occurred_at", nullable = false)
    public Instant occurredAt;

    @Column(nullable = false, columnDefinition = "text")
    public String payload;

    /**
     * W3C trace context of the write that produced the event (null when it was not traced), sent as the CloudEvents
     * {@code ce_traceparent} / {@code ce_tracestate} headers so consumers continue the write's trace.
     */
    public String traceparent;

    @Column(columnDefinition = "text")
    public String tracestate;

    @Column(nullable = false)
    public int attempts;

    @Column(name = "last_error", columnDefinition = "text")
    public String lastError;

    @Column(name = "published_at")
    public Instant publishedAt;

    @Column(name = "parked_at")
    public Instant parkedAt;
}
