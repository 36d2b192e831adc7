package dev.verity.notification;

import static dev.verity.notification.Recipients.PATIENCE;
import static dev.verity.notification.Recipients.awaitApplied;
import static dev.verity.notification.Recipients.fresh;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.verity.events.CardEvent;
import dev.verity.events.CardEventTypes;
import dev.verity.events.CardSnapshot;
import dev.verity.events.CollectionEvent;
import dev.verity.events.CommentEvent;
import dev.verity.events.CommentEventTypes;
import dev.verity.events.VerificationEvent;
import dev.verity.events.VerificationEventTypes;
import dev.verity.events.VerificationStatuses;
import dev.verity.notification.recipients.CollectionEventsConsumer;
import dev.verity.notification.recipients.NotificationService;
import dev.verity.platform.cloudevents.IncomingCloudEvent;
import dev.verity.platform.consumer.EventConsumer;
import dev.verity.testing.TestAccessEvents;
import dev.verity.testing.TestKafka;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * Verification events are applied a polled batch at a time (one transaction, recipients looked up once, the inbox
 * rows in one insert): an expiry burst to a group tells each member exactly once per event, a redelivered batch adds
 * nothing, a poison event does not cost the others theirs, and read access is still checked per recipient.
 */
@QuarkusTest
class BatchedFanOutTest {

    private static final String DLQ = "verity.verifications.dlq.notification-service";

    @Inject
    EntityManager em;

    @Inject
    NotificationService notifications;

    @Test
    void aBurstOfExpiriesToAGroupTellsEachMemberOncePerEventNumberedWithoutCollisions() {
        List<String> members = List.of(fresh("mia"), fresh("max"), fresh("olga"));
        String experts = group(members);
        UUID collection = readableBy(members.toArray(String[]::new));
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            ids.add(VerificationFeed.publish(VerificationEventTypes.EXPIRED, expired(collection, experts)));
        }

        ids.forEach(id -> awaitApplied(em, NotificationService.VERIFICATIONS_CONSUMER, id));
        assertEquals(120, notificationsOf(members));
        assertEquals(120, count("SELECT count(DISTINCT (event_id, recipient_id)) FROM notification"
                + " WHERE recipient_id IN (?1, ?2, ?3)", members));
        for (String member : members) { // each member's inbox numbers: 40 distinct ones, as the stream needs
            assertEquals(40, count("SELECT count(DISTINCT seq) FROM notification WHERE recipient_id = ?1",
                    List.of(member)));
        }
    }

    @Test
    void theSameBatchAppliedTwiceAddsNothingTheSecondTime() {
        List<String> members = List.of(fresh("mia"), fresh("max"), fresh("olga"));
        String experts = group(members);
        UUID collection = readableBy(members.toArray(String[]::new));
        List<EventConsumer.Claimed<VerificationEvent>> batch = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            batch.add(claimed(UUID.randomUUID().toString(), expired(collection, experts)));
        }

        // straight to the batch effect, past the consumer's processed-event record: the unique (event, recipient)
        // index is what keeps the second application from adding anything
        QuarkusTransaction.requiringNew().run(() -> notifications.applyVerifications(batch));
        assertEquals(15, notificationsOf(members));
        QuarkusTransaction.requiringNew().run(() -> notifications.applyVerifications(batch));
        assertEquals(15, notificationsOf(members));
    }

    @Test
    void aRedeliveredBurstIsANoOp() {
        List<String> members = List.of(fresh("mia"), fresh("max"));
        String experts = group(members);
        UUID collection = readableBy(members.toArray(String[]::new));
        UUID card = UUID.randomUUID();
        List<String> ids = new ArrayList<>();
        List<VerificationEvent> events = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            VerificationEvent event = expired(collection, experts, card, i + 1);
            events.add(event);
            ids.add(VerificationFeed.publish(VerificationEventTypes.EXPIRED, event));
        }
        ids.forEach(id -> awaitApplied(em, NotificationService.VERIFICATIONS_CONSUMER, id));
        assertEquals(20, notificationsOf(members));

        for (int i = 0; i < 10; i++) { // the same ids once more, as after a crash before the offsets were committed
            VerificationFeed.publish(VerificationEventTypes.EXPIRED, ids.get(i), events.get(i));
        }
        // one more event of the same card (so the same partition, behind the redelivered ones): once it is applied,
        // so are they
        awaitApplied(em, NotificationService.VERIFICATIONS_CONSUMER,
                VerificationFeed.publish(VerificationEventTypes.EXPIRED, expired(collection, experts, card, 11)));
        assertEquals(22, notificationsOf(members));
    }

    @Test
    void aPoisonEventIsDeadLetteredAloneAndTheOthersOfItsBatchAreApplied() {
        List<String> members = List.of(fresh("mia"), fresh("max"));
        String experts = group(members);
        UUID collection = readableBy(members.toArray(String[]::new));
        UUID card = UUID.randomUUID(); // one card: one partition, so the events travel and are polled together
        VerificationEvent poison = withVerifier(expired(collection, experts, card, 3), "g".repeat(101));

        // the batch effect itself refuses it, and nothing of that batch stays (the consumer then goes one by one)
        List<EventConsumer.Claimed<VerificationEvent>> direct = List.of(
                claimed(UUID.randomUUID().toString(), expired(collection, experts)),
                claimed(UUID.randomUUID().toString(), withVerifier(expired(collection, experts), "g".repeat(101))));
        assertThrows(RuntimeException.class,
                () -> QuarkusTransaction.requiringNew().run(() -> notifications.applyVerifications(direct)));
        assertEquals(0, notificationsOf(members));

        TestKafka.ensureTopic(DLQ);
        try (TestKafka.TopicReader dlq = TestKafka.readFromEnd(DLQ)) {
            List<String> good = new ArrayList<>();
            String poisonId = null;
            for (int i = 1; i <= 5; i++) {
                if (i == 3) {
                    poisonId = VerificationFeed.publish(VerificationEventTypes.EXPIRED, poison);
                } else {
                    good.add(VerificationFeed.publish(VerificationEventTypes.EXPIRED,
                            expired(collection, experts, card, i)));
                }
            }
            String parkedId = poisonId;
            List<ConsumerRecord<String, String>> parked = dlq.await(r -> card.toString().equals(r.key()), 1,
                    PATIENCE);
            assertEquals(parkedId, new String(parked.get(0).headers().lastHeader("ce_id").value(),
                    StandardCharsets.UTF_8));
            good.forEach(id -> awaitApplied(em, NotificationService.VERIFICATIONS_CONSUMER, id));
            assertEquals(8, notificationsOf(members));
        }
    }

    @Test
    void inABatchEachRecipientIsStillCheckedForReadAccess() {
        String reader = fresh("mia");
        String outsider = fresh("max");
        String experts = group(List.of(reader, outsider));
        UUID collection = readableBy(reader);
        List<EventConsumer.Claimed<VerificationEvent>> batch = List.of(
                claimed(UUID.randomUUID().toString(), expired(collection, experts)),
                claimed(UUID.randomUUID().toString(), expired(collection, experts)),
                claimed(UUID.randomUUID().toString(), expired(collection, experts)));

        QuarkusTransaction.requiringNew().run(() -> notifications.applyVerifications(batch));

        assertEquals(3, notificationsOf(List.of(reader)));
        assertEquals(0, notificationsOf(List.of(outsider)));
    }

    /**
     * One card's events polled together are applied in their order (each against the state the one before left): the
     * verifier's notifications are numbered in event order, a policy change hands the card over, and an older policy
     * change arriving after it (overtaken on its way) changes nothing: its verifier is not told, the state stays.
     */
    @Test
    void oneCardsEventsInOneBatchAreAppliedInOrderAndAnOlderOneArrivingLastChangesNothing() {
        String ada = fresh("ada");
        String ben = fresh("ben");
        String cid = fresh("cid");
        UUID collection = readableBy(ada, ben, cid);
        UUID card = UUID.randomUUID();
        String expiredId = UUID.randomUUID().toString();
        String flaggedId = UUID.randomUUID().toString();
        List<EventConsumer.Claimed<VerificationEvent>> batch = List.of(
                claimed(expiredId, VerificationEventTypes.EXPIRED, expired(collection, ada, card, 2)),
                claimed(flaggedId, VerificationEventTypes.UNVERIFIED, at(card, 3, collection, ada, "FLAGGED", "zed")),
                claimed(UUID.randomUUID().toString(), VerificationEventTypes.POLICY_CHANGED,
                        at(card, 4, collection, ben, "NEW", "zed")),
                claimed(UUID.randomUUID().toString(), VerificationEventTypes.POLICY_CHANGED,
                        at(card, 1, collection, cid, "NEW", "zed"))); // the oldest, arriving last

        QuarkusTransaction.requiringNew().run(() -> notifications.applyVerifications(batch));

        assertEquals(List.of(expiredId, flaggedId), QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                "SELECT event_id FROM notification WHERE recipient_id = ?1 ORDER BY seq", String.class)
                .setParameter(1, ada).getResultList()));
        assertEquals(1, notificationsOf(List.of(ben)));
        assertEquals(0, notificationsOf(List.of(cid)), "an overtaken policy change tells nobody");
        Object[] state = QuarkusTransaction.requiringNew().call(() -> (Object[]) em.createNativeQuery(
                "SELECT verifier_id, reason FROM card_verification WHERE card_id = ?1").setParameter(1, card)
                .getSingleResult());
        assertEquals(List.of(ben, "NEW"), Arrays.asList(state));
    }

    /**
     * Card events come a polled batch at a time too: a card first seen in the batch is known to its next event, each
     * version moves the card's memory on in order (a new verifier is told), and a version replayed after a newer one
     * tells nobody and changes nothing.
     */
    @Test
    void oneCardsEventsInOneBatchMoveItsMemoryOnInOrderAndAReplayedVersionTellsNobody() {
        String ada = fresh("ada");
        String ben = fresh("ben");
        UUID collection = readableBy(ada, ben);
        UUID card = UUID.randomUUID();
        CardSnapshot first = CardEventFeed.inCollection(collection, card, 1, "Refunds", ada);
        CardSnapshot second = CardEventFeed.inCollection(collection, card, 2, "Refunds", ben);
        String created = UUID.randomUUID().toString();
        String handedOver = UUID.randomUUID().toString();
        List<EventConsumer.Claimed<CardEvent>> batch = List.of(
                cardEvent(created, CardEventTypes.CREATED, first),
                cardEvent(handedOver, CardEventTypes.UPDATED, second),
                cardEvent(UUID.randomUUID().toString(), CardEventTypes.UPDATED, first)); // replayed, after v2

        QuarkusTransaction.requiringNew().run(() -> notifications.applyCards(batch));

        assertEquals(List.of(created), eventsTold(ada));
        assertEquals(List.of(handedOver), eventsTold(ben));
        Object[] memory = QuarkusTransaction.requiringNew().call(() -> (Object[]) em.createNativeQuery(
                "SELECT card_version, verifier_id FROM card_verifier WHERE card_id = ?1").setParameter(1, card)
                .getSingleResult());
        assertEquals(List.of(2L, ben), List.of(((Number) memory[0]).longValue(), memory[1]));
    }

    /** Comments too: two comments of one batch mentioning someone tell them twice, numbered in order. */
    @Test
    void commentsInOneBatchTellEachMentionedPersonInOrder() {
        String ada = fresh("ada");
        UUID collection = readableBy(ada);
        UUID card = UUID.randomUUID();
        List<EventConsumer.Claimed<CommentEvent>> batch = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            CommentEvent comment = CommentFeed.comment(collection, card, "Refunds", "zed", UUID.randomUUID(), 1,
                    "@" + ada + " look", List.of(ada), List.of(ada));
            batch.add(new EventConsumer.Claimed<>(new IncomingCloudEvent(UUID.randomUUID().toString(),
                    CommentEventTypes.ADDED, "/card-service", card.toString(), comment.occurredAt(), card.toString(),
                    "{}"), comment));
        }

        QuarkusTransaction.requiringNew().run(() -> notifications.applyComments(batch));

        assertEquals(batch.stream().map(c -> c.event().id()).toList(), eventsTold(ada));
    }

    private List<String> eventsTold(String recipient) {
        return QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                "SELECT event_id FROM notification WHERE recipient_id = ?1 ORDER BY seq", String.class)
                .setParameter(1, recipient).getResultList());
    }

    private static EventConsumer.Claimed<CardEvent> cardEvent(String id, String type, CardSnapshot card) {
        return new EventConsumer.Claimed<>(new IncomingCloudEvent(id, type, "/card-service", card.id().toString(),
                card.updatedAt(), card.id().toString(), "{}"),
                new CardEvent(card.id(), card.version(), "alice", card.updatedAt(), card));
    }

    private static VerificationEvent at(UUID card, long version, UUID collection, String verifier, String reason,
            String actor) {
        return new VerificationEvent(card, version, "Refunds", collection, verifier, VerificationStatuses.UNVERIFIED,
                reason, VerificationFeed.DUE, 90, null, actor, null, VerificationFeed.AT.plusSeconds(version), null);
    }

    private String group(List<String> members) {
        String experts = fresh("experts");
        awaitApplied(em, dev.verity.notification.directory.DirectoryService.CONSUMER,
                DirectoryFeed.group(experts, 1, "Experts", members));
        return experts;
    }

    private UUID readableBy(String... readers) {
        UUID collection = UUID.randomUUID();
        awaitApplied(em, CollectionEventsConsumer.CONSUMER, TestAccessEvents.collection(collection, 1, "Billing",
                Arrays.stream(readers).map(TestAccessEvents::reader).toArray(CollectionEvent.AccessGrant[]::new)));
        return collection;
    }

    private static VerificationEvent expired(UUID collection, String verifier) {
        return expired(collection, verifier, UUID.randomUUID(), 2);
    }

    private static VerificationEvent expired(UUID collection, String verifier, UUID card, long version) {
        return new VerificationEvent(card, version, "Refunds", collection, verifier, VerificationStatuses.UNVERIFIED,
                "EXPIRED", VerificationFeed.DUE, 90, null, VerificationEvent.SYSTEM_ACTOR, null,
                VerificationFeed.AT.plusSeconds(version), null);
    }

    private static VerificationEvent withVerifier(VerificationEvent e, String verifier) {
        return new VerificationEvent(e.cardId(), e.cardVersion(), e.cardTitle(), e.collectionId(), verifier,
                e.status(), e.reason(), e.dueAt(), e.intervalDays(), e.verifyOn(), e.actorId(), e.comment(),
                e.occurredAt(), e.verifiedAt());
    }

    private static EventConsumer.Claimed<VerificationEvent> claimed(String id, VerificationEvent event) {
        return claimed(id, VerificationEventTypes.EXPIRED, event);
    }

    private static EventConsumer.Claimed<VerificationEvent> claimed(String id, String type, VerificationEvent event) {
        return new EventConsumer.Claimed<>(new IncomingCloudEvent(id, type,
                "/verification-service", event.cardId().toString(), event.occurredAt(), event.cardId().toString(),
                "{}"), event);
    }

    private long notificationsOf(List<String> recipients) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em
                .createNativeQuery("SELECT count(*) FROM notification WHERE recipient_id IN (:recipients)")
                .setParameter("recipients", recipients).getSingleResult()).longValue());
    }

    private long count(String sql, List<String> parameters) {
        return QuarkusTransaction.requiringNew().call(() -> {
            var query = em.createNativeQuery(sql);
            for (int i = 0; i < parameters.size(); i++) {
                query.setParameter(i + 1, parameters.get(i));
            }
            return ((Number) query.getSingleResult()).longValue();
        });
    }
}
