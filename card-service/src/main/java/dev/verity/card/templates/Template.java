package dev.verity.card.templates;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A starting point for a card: suggested title, Markdown skeleton and tags. Built-in templates are read-only. */
@Entity
@Table(name = "template")
public class Template extends PanacheEntityBase {

    /** The built-in "Feature Breakdown" template (created by migration V3). */
    public static final UUID FEATURE_BREAKDOWN = UUID.fromString("00000000-0000-0000-0000-00000000f001");

    @Id
    public UUID id;

    @Column(nullable = false)
    public long version;

    @Column(nullable = false, length = 100)
    public String name;

    public String description;

    /** Suggested card title; null when the author must always choose one. */
    public String title;

    @Column(nullable = false, columnDefinition = "text")
    public String body;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false, columnDefinition = "text[]")
    public List<String> tags = new ArrayList<>();

    @Column(name = "built_in", nullable = false)
    public boolean builtIn;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "created_by", nullable = false)
    public String createdBy;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Column(name = "updated_by", nullable = false)
    public String updatedBy;
}
