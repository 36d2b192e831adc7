package dev.verity.notification;

import static dev.verity.notification.Recipients.awaitApplied;
import static dev.verity.notification.Recipients.awaitCount;
import static dev.verity.notification.Recipients.fresh;
import static dev.verity.notification.Recipients.inbox;
import static dev.verity.testing.TestAccessEvents.grant;
import static dev.verity.testing.TestAccessEvents.reader;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.verity.events.AnnouncementEvent;
import dev.verity.events.AnnouncementEventTypes;
import dev.verity.events.AnnouncementSnapshot;
import dev.verity.events.Topics;
import dev.verity.notification.announcements.AnnouncementNotices;
import dev.verity.notification.directory.DirectoryService;
import dev.verity.notification.recipients.CollectionEventsConsumer;
import dev.verity.testing.TestAccessEvents;
import dev.verity.testing.TestKafka;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Announcement events published to the real broker tell the users they name, on their channels, once. */
@QuarkusTest
class AnnouncementsTest {

    private static final Instant AT = Instant.parse("2026-12-01T09:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    @Inject
    EntityManager em;

    /** An event at {@code minute} minutes after AT, so the inbox (newest first) lists them in a known order. */
    private static AnnouncementEvent event(int minute, UUID collection, UUID card, UUID id, String author,
            String actor, int round, String message, List<String> told) {
        AnnouncementSnapshot announcement = new AnnouncementSnapshot(id, author, message, told, List.of(), round,
                round + 2, told.size(), 0, AT, AT);
        return new AnnouncementEvent(card, round + 2, "Refunds take 14 days", collection, actor,
                AT.plusSeconds(60L * minute), announcement, told);
    }

    private static String publish(String type, String eventId, AnnouncementEvent event) {
        try {
            TestKafka.publish(Topics.ANNOUNCEMENTS, event.cardId().toString(), eventId, type,
                    JSON.writeValueAsString(event));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return eventId;
    }

    @Test
    void anAnnouncementTellsEachReaderItNamesOnceAndAReminderAndARenewalTellThemAgain() {
        String alice = fresh("alice");
        String bob = fresh("bob");
        String carol = fresh("carol");
        String stranger = fresh("stranger");
        UUID collection = UUID.randomUUID();
        UUID card = UUID.randomUUID();
        UUID id = UUID.randomUUID();
        awaitApplied(em, DirectoryService.CONSUMER, DirectoryFeed.user(alice, 1, "Alice Author"));
        awaitApplied(em, CollectionEventsConsumer.CONSUMER, TestAccessEvents.collection(collection, 1, "Billing",
                grant("USER", alice, "COLLECTION_OWNER"), reader(bob), reader(carol)));

        String created = publish(AnnouncementEventTypes.CREATED, UUID.randomUUID().toString(),
                event(1, collection, card, id, alice, alice, 1, "Please read  before\nyour shift",
                        List.of(alice, bob, carol, stranger)));
        awaitCount(bob, 1)
                .body("items[0].type", equalTo("ANNOUNCED"))
                .body("items[0].cardId", equalTo(card.toString()))
                .body("items[0].title", equalTo("Alice Author announced “Refunds take 14 days” to you"))
                .body("items[0].message", equalTo(
                        "Alice Author asks you to read this card and press “Got it”. “Please read before your shift”"));
        awaitCount(carol, 1);
        // a redelivery (same event id) tells nobody again
        publish(AnnouncementEventTypes.CREATED, created, event(2, collection, card, id, alice, alice, 1, null,
                List.of(bob, carol)));
        publish(AnnouncementEventTypes.ACKNOWLEDGED, UUID.randomUUID().toString(),
                event(3, collection, card, id, alice, carol, 1, null, List.of()));
        String reminded = publish(AnnouncementEventTypes.REMINDED, UUID.randomUUID().toString(),
                event(4, collection, card, id, alice, alice, 1, null, List.of(bob)));
        awaitApplied(em, AnnouncementNotices.CONSUMER, reminded);
        awaitCount(bob, 2).body("items[0].type", equalTo("ANNOUNCEMENT_REMINDER"))
                .body("items[0].title", equalTo("Reminder: please read “Refunds take 14 days” and acknowledge it"));
        inbox(carol).body("items", hasSize(1));
        inbox(alice).body("items", empty());
        inbox(stranger).body("items", empty());

        // carol loses her grant: a renewal tells bob only
        awaitApplied(em, CollectionEventsConsumer.CONSUMER, TestAccessEvents.collection(collection, 2, "Billing",
                grant("USER", alice, "COLLECTION_OWNER"), reader(bob)));
        String renewed = publish(AnnouncementEventTypes.RENEWED, UUID.randomUUID().toString(),
                event(5, collection, card, id, alice, alice, 2, null, List.of(bob, carol)));
        awaitApplied(em, AnnouncementNotices.CONSUMER, renewed);
        awaitCount(bob, 3).body("items[0].type", equalTo("ANNOUNCED"))
                .body("items[0].title", equalTo("“Refunds take 14 days” changed: please read it again"));
        inbox(carol).body("items", hasSize(1));
    }
}
