package dev.verity.notification;

import static dev.verity.notification.Recipients.PATIENCE;
import static dev.verity.notification.Recipients.awaitApplied;
import static dev.verity.notification.Recipients.awaitCount;
import static dev.verity.testing.TestKafka.ensureTopic;
import static dev.verity.notification.Recipients.fresh;
import static dev.verity.notification.Recipients.inbox;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.verity.events.CommentEvent;
import dev.verity.events.CommentEventTypes;
import dev.verity.events.Topics;
import dev.verity.notification.directory.DirectoryService;
import dev.verity.notification.recipients.NotificationService;
import dev.verity.platform.cloudevents.IncomingCloudEvent;
import dev.verity.testing.TestKafka;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** Comment events published to the real broker notify the users they newly mention. */
@QuarkusTest
class MentionsTest {

    private static final String DLQ = "verity.comments.dlq.notification-service";

    @Inject
    EntityManager em;

    @Test
    void aNewCommentNotifiesEveryoneItMentionsButItsAuthor() {
        String carl = fresh("carl");
        String mia = fresh("mia");
        String max = fresh("max");
        awaitApplied(em, DirectoryService.CONSUMER, DirectoryFeed.user(carl, 1, "Carl Jones"));
        UUID card = UUID.randomUUID();
        UUID commentId = UUID.randomUUID();

        CommentFeed.publish(CommentEventTypes.ADDED, CommentFeed.comment(card, "Refunds", carl, commentId, 1,
                "@mia @max  can you\ncheck this? (cc @carl)", List.of(mia, max, carl), List.of(mia, max, carl)));

        awaitCount(mia, 1)
                .body("items[0].type", equalTo("MENTIONED"))
                .body("items[0].recipientId", equalTo(mia))
                .body("items[0].cardId", equalTo(card.toString()))
                .body("items[0].cardVersion", equalTo(4))
                .body("items[0].commentId", equalTo(commentId.toString()))
                .body("items[0].title", equalTo("You were mentioned on “Refunds”"))
                .body("items[0].message", equalTo("Carl Jones mentioned you: “@mia @max can you check this? (cc @carl)”"))
                .body("items[0].createdAt", equalTo("2026-01-12T10:00:00Z"))
                .body("unreadCount", equalTo(1));
        awaitCount(max, 1);
        inbox(carl).body("items", empty());
    }

    @Test
    void anEditNotifiesOnlyTheNewlyMentionedAndResolvingOrDeletingNotifiesNobody() {
        String dora = fresh("dora");
        String mia = fresh("mia");
        String max = fresh("max");
        String olga = fresh("olga");
        UUID card = UUID.randomUUID();
        UUID commentId = UUID.randomUUID();
        CommentFeed.publish(CommentEventTypes.ADDED, CommentFeed.comment(card, "Shipping", dora, commentId, 1,
                "Over to @mia", List.of(mia), List.of(mia)));
        CommentFeed.publish(CommentEventTypes.EDITED, CommentFeed.comment(card, "Shipping", dora, commentId, 2,
                "Over to @mia and @max", List.of(mia, max), List.of(max)));
        // never carried by these types, but even if they were: resolving or deleting mentions nobody
        CommentFeed.publish(CommentEventTypes.RESOLVED, CommentFeed.comment(card, "Shipping", mia,
                commentId, 3, "Over to @mia and @max", List.of(mia, max), List.of(olga)));
        CommentFeed.publish(CommentEventTypes.DELETED, CommentFeed.comment(card, "Shipping", dora,
                commentId, 4, "Over to @mia and @max", List.of(mia, max), List.of(olga)));

        awaitCount(max, 1).body("items[0].message", equalTo(dora
                + " mentioned you in an edited comment: “Over to @mia and @max”"));
        awaitCount(mia, 1).body("items[0].message", equalTo(dora + " mentioned you: “Over to @mia”"));
        // same card, so same partition: a later mention for olga proves everything above was consumed before it
        CommentFeed.publish(CommentEventTypes.ADDED, CommentFeed.comment(card, "Shipping", dora, UUID.randomUUID(), 1,
                "@olga fyi", List.of(olga), List.of(olga)));
        awaitCount(olga, 1).body("items[0].message", equalTo(dora + " mentioned you: “@olga fyi”"));
        inbox(mia).body("items", hasSize(1));
        inbox(max).body("items", hasSize(1));
    }

    @Test
    void aRedeliveredCommentEventNeverNotifiesTwice() {
        String dora = fresh("dora");
        String mia = fresh("mia");
        String max = fresh("max");
        UUID card = UUID.randomUUID();
        CommentEvent comment = CommentFeed.comment(card, "Refunds", dora, UUID.randomUUID(), 1, "@mia look",
                List.of(mia), List.of(mia));
        String eventId = CommentFeed.publish(CommentEventTypes.ADDED, comment);
        CommentFeed.publish(CommentEventTypes.ADDED, eventId, comment);
        awaitApplied(em, NotificationService.COMMENTS_CONSUMER,
                CommentFeed.publish(CommentEventTypes.ADDED, CommentFeed.comment(card, "Refunds", dora,
                        UUID.randomUUID(), 1, "@max too", List.of(max), List.of(max))));

        awaitCount(max, 1);
        inbox(mia).body("items", hasSize(1));
    }

    @Test
    void aMalformedCommentEventGoesToTheDeadLetterTopicAndLaterCommentsStillNotify() {
        String mia = fresh("mia");
        UUID card = UUID.randomUUID();
        ensureTopic(DLQ);
        try (TestKafka.TopicReader dlq = TestKafka.readFromEnd(DLQ)) {
            String bad = UUID.randomUUID().toString();
            // no comment and no newMentions: nobody could ever be told anything from it
            TestKafka.publish(Topics.COMMENTS, card.toString(), bad, CommentEventTypes.ADDED,
                    "{\"cardId\": \"" + card + "\", \"cardVersion\": 1, \"cardTitle\": \"Refunds\","
                            + " \"actorId\": \"dora\", \"occurredAt\": \"2026-01-12T10:00:00Z\"}");
            CommentFeed.publish(CommentEventTypes.ADDED, CommentFeed.comment(card, "Refunds", "dora",
                    UUID.randomUUID(), 1, "@mia look", List.of(mia), List.of(mia)));

            awaitCount(mia, 1);
            ConsumerRecord<String, String> parked = dlq.await(r -> card.toString().equals(r.key()), 1, PATIENCE)
                    .get(0);
            assertEquals(bad, IncomingCloudEvent.from(parked).id());
        }
    }
}
