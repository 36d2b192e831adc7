package dev.verity.notification.preferences;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * What a user who has chosen nothing gets. The keys sit under each channel's prefix
 * ({@code verity.notification.email.default-mode}, ...), where they always were; preferences owns them, so the channels
 * know nothing of modes.
 */
@ConfigMapping(prefix = "verity.notification")
public interface PreferenceDefaults {

    Email email();

    Chat chat();

    interface Email {

        /**
         * The email mode of every notification type a user has not chosen one for. OFF: nobody gets email until they
         * ask for it (a deployment with a working SMTP server may default to IMMEDIATE or DIGEST).
         */
        @WithDefault("OFF")
        Mode defaultMode();

        /** The digest hour of a user who never chose one. */
        @WithDefault("8")
        int defaultDigestHour();
    }

    interface Chat {

        /**
         * The chat mode of a type a user has not chosen one for. IMMEDIATE: setting a webhook URL is the opt-in, and
         * a user without one gets no chat message whatever this says.
         */
        @WithDefault("IMMEDIATE")
        Mode defaultMode();
    }
}
