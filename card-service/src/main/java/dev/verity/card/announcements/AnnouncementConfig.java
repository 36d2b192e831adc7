package dev.verity.card.announcements;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Limits of announcements. */
@ConfigMapping(prefix = "verity.announcements")
public interface AnnouncementConfig {

    /** How long after a reminder the next one may go out: recipients are reminded at most once a day. */
    @WithDefault("PT24H")
    Duration reminderInterval();

    /**
     * The most recipients one announcement may reach (group members resolved). Every event names whom it tells, and
     * an event must stay well under Kafka's record limit: 5,000 ids of up to 100 characters is about 500 KB.
     */
    @WithDefault("5000")
    int maxRecipients();
}
