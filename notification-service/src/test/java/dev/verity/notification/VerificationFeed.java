package dev.verity.notification;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.verity.events.Topics;
import dev.verity.events.VerificationEvent;
import dev.verity.events.VerificationStatuses;
import dev.verity.testing.TestKafka;
import java.time.Instant;
import java.util.UUID;

/** Publishes verification events the way verification-service does: binary CloudEvents on verity.verifications. */
final class VerificationFeed {

    static final Instant AT = Instant.parse("2026-04-10T09:00:00Z");
    static final Instant DUE = Instant.parse("2026-04-10T00:00:00Z");

    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private VerificationFeed() {
    }

    /** An event about version 2 of card {@code cardId}, verified by {@code verifierId}, caused by {@code actor}. */
    static VerificationEvent event(UUID cardId, String title, String verifierId, String reason, String actor,
            String comment) {
        return new VerificationEvent(cardId, 2, title, CardEventFeed.COLLECTION, verifierId,
                VerificationStatuses.UNVERIFIED, reason, DUE, 90, null, actor, comment, AT, null);
    }

    /** Publishes under a fresh event id and returns it. */
    static String publish(String type, VerificationEvent event) {
        return publish(type, UUID.randomUUID().toString(), event);
    }

    static String publish(String type, String eventId, VerificationEvent event) {
        try {
            TestKafka.publish(Topics.VERIFICATIONS, event.cardId().toString(), eventId, type,
                    JSON.writeValueAsString(event));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return eventId;
    }
}
