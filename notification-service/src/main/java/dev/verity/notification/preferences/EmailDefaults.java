package dev.verity.notification.preferences;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * What a user who has chosen nothing gets by email. The keys sit under the email channel's prefix, where they always
 * were; preferences owns them, so the channel knows nothing of modes.
 */
@ConfigMapping(prefix = "verity.notification.email")
public interface EmailDefaults {

    /**
     * The email mode of every notification type a user has not chosen one for. OFF: nobody gets email until they ask
     * for it (a deployment with a working SMTP server may default to IMMEDIATE or DIGEST).
     */
    @WithDefault("OFF")
    Mode defaultMode();

    /** The digest hour of a user who never chose one. */
    @WithDefault("8")
    int defaultDigestHour();
}
