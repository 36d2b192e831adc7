package dev.verity.notification.chat;

import dev.verity.notification.outbound.TargetGuard;
import dev.verity.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.temporal.ChronoUnit;

/** Each user's chat webhook: set (checked by the address guard), read, removed. */
@ApplicationScoped
public class ChatService {

    private final TargetGuard guard;
    private final Clock clock;

    ChatService(ChatTargets targets, Clock clock) {
        this.guard = targets.guard();
        this.clock = clock;
    }

    public ChatSettings of(String userId) {
        ChatWebhook webhook = ChatWebhook.findById(userId);
        return new ChatSettings(webhook == null ? null : webhook.webhookUrl);
    }

    /** Sets the URL after checking it resolves only to allowed addresses; a 400 problem naming the field if not. */
    @Transactional
    public ChatSettings set(String userId, ChatSettings settings) {
        if (settings == null) {
            throw ProblemException.badRequest("a document {\"webhookUrl\": \"https://…\"} is required");
        }
        String url;
        try {
            url = guard.check(settings.webhookUrl()).uri().toString();
        } catch (TargetGuard.RefusedTarget e) {
            throw ProblemException.invalidParameter("webhookUrl", e.getMessage());
        }
        ChatWebhook webhook = ChatWebhook.findById(userId);
        if (webhook == null) {
            webhook = new ChatWebhook();
            webhook.userId = userId;
            webhook.webhookUrl = url;
            webhook.updatedAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
            webhook.persist();
        } else {
            webhook.webhookUrl = url;
            webhook.updatedAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
        }
        return new ChatSettings(url);
    }

    /** No more chat messages; those waiting are parked at their next attempt. */
    @Transactional
    public void remove(String userId) {
        ChatWebhook.deleteById(userId);
    }
}
