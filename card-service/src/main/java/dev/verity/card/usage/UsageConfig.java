package dev.verity.card.usage;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Set;

/** Usage counting, reports and auto-archive ({@code verity.usage.*}). */
@ConfigMapping(prefix = "verity.usage")
public interface UsageConfig {

    /** Whether {@code GET /cards/{id}} counts views at all (the write-path bench compares on and off). */
    @WithDefault("true")
    boolean countViews();

    /** A person's reads of one card within this window count as one view. */
    @WithDefault("PT30M")
    Duration viewWindow();

    /**
     * Token groups that mark a service account or a bot: a read by such a token is not a view. Compared exactly with
     * the token's {@code groups} claim (the identity provider's names, as {@code verity.auth.admin-groups}).
     */
    @WithDefault("verity-service-accounts,verity-bots")
    Set<String> nonPersonGroups();

    /**
     * Token subjects starting with one of these are service accounts or bots (Keycloak names a client's service
     * account {@code service-account-<client>}).
     */
    @WithDefault("service-account-,bot-")
    Set<String> nonPersonSubjectPrefixes();

    /** How often counted views and copies are written to the database (a Quarkus scheduler period). */
    @WithDefault("5s")
    String flushEvery();

    /** At most this many views and copies wait in memory; more are dropped (and logged) until the next flush. */
    @WithDefault("200000")
    int maxBuffered();

    /** Usage by day is kept this many months, then purged. */
    @WithDefault("13")
    int retentionMonths();

    /** How often the cards whose usage changed are reported ({@code usage.reported} events). */
    @WithDefault("5m")
    String reportEvery();

    /** The days a report counts (today included). */
    @WithDefault("30")
    int reportWindowDays();

    /** At most this many cards are reported per pass; the rest at the next one. */
    @WithDefault("500")
    int reportBatch();

    /** How often the auto-archive pass runs ("off" disables it on this instance). */
    @WithDefault("1h")
    String autoArchiveEvery();

    /** How many days before archiving a card its owners and verifier are told. */
    @WithDefault("7")
    int autoArchiveWarningDays();

    /** At most this many cards are warned, and this many archived, per pass. */
    @WithDefault("500")
    int autoArchiveBatch();
}
