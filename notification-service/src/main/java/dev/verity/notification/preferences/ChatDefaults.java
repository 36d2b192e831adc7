package dev.verity.notification.preferences;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * What a user who has chosen nothing gets in chat. The key sits under the chat channel's prefix, where it always was;
 * preferences owns it, so the channel knows nothing of modes.
 */
@ConfigMapping(prefix = "verity.notification.chat")
public interface ChatDefaults {

    /**
     * The chat mode of a type a user has not chosen one for. IMMEDIATE: setting a webhook URL is the opt-in, and a user
     * without one gets no chat message whatever this says.
     */
    @WithDefault("IMMEDIATE")
    Mode defaultMode();
}
