package dev.verity.notification.webhooks;

import static dev.verity.notification.webhooks.WebhookFixtures.AT;
import static dev.verity.notification.webhooks.WebhookFixtures.admin;
import static dev.verity.notification.webhooks.WebhookFixtures.assertSignedBy;
import static dev.verity.notification.webhooks.WebhookFixtures.cardEvent;
import static dev.verity.notification.webhooks.WebhookFixtures.deliveries;
import static dev.verity.notification.webhooks.WebhookFixtures.positionsSignedBy;
import static dev.verity.notification.webhooks.WebhookFixtures.post;
import static dev.verity.notification.webhooks.WebhookFixtures.subscribe;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.verity.events.CardEventTypes;
import dev.verity.events.VerificationEventTypes;
import dev.verity.notification.delivery.DeliveryQueue;
import dev.verity.platform.cloudevents.IncomingCloudEvent;
import dev.verity.platform.consumer.EventConsumer;
import dev.verity.testing.TestClock;
import dev.verity.notification.webhooks.WebhookFixtures.Subscription;
import dev.verity.notification.webhooks.WebhookEventsConsumer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Events published to the real broker reach real HTTP receivers in this JVM, signed, retried, dead-lettered and in
 * order, as the test profile's tiny retry schedule (0.2 s pauses, 4 attempts) and 2 s request timeout make quick.
 */
@QuarkusTest
class WebhooksTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    EntityManager em;

    @Inject
    DeliveryRepository deliveryRepository;

    @Inject
    WebhookFanOut fanOut;

    private final List<WebhookReceiver> receivers = new ArrayList<>();

    /** Each test starts without subscriptions, so none of an earlier test or run takes deliveries or threads. */
    @BeforeEach
    void noSubscriptions() {
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("DELETE FROM webhook_subscription")
                .executeUpdate());
    }

    /** ... and leaves none behind, so later test classes do not fan out to receivers that are gone. */
    @AfterEach
    void closeReceivers() {
        noSubscriptions();
        receivers.forEach(WebhookReceiver::close);
    }

    private WebhookReceiver receiver() {
        WebhookReceiver receiver = WebhookReceiver.start();
        receivers.add(receiver);
        return receiver;
    }

    private static List<WebhookReceiver.Received> awaitReceived(WebhookReceiver receiver, int count) {
        await().atMost(PATIENCE).until(() -> receiver.received().size() >= count);
        return receiver.received();
    }

    private static void awaitDelivery(String subscriptionId, String status, int attempts) {
        await().atMost(PATIENCE).untilAsserted(() -> deliveries(subscriptionId)
                .body("items[0].status", equalTo(status))
                .body("items[0].attempt", equalTo(attempts)));
    }

    @Test
    void aDeliveryIsTheCloudEventInStructuredJsonSignedWithTheSubscriptionsSecret() throws Exception {
        WebhookReceiver receiver = receiver();
        Subscription subscription = subscribe(receiver.url(), CardEventTypes.CREATED);
        UUID card = UUID.randomUUID();
        String eventId = cardEvent(CardEventTypes.CREATED, card, 1);

        WebhookReceiver.Received request = awaitReceived(receiver, 1).get(0);
        assertEquals(eventId, request.header("webhook-id"));
        long timestamp = Long.parseLong(request.header("webhook-timestamp"));
        assertTrue(Math.abs(Instant.now().getEpochSecond() - timestamp) < 60, "timestamp " + timestamp);
        assertEquals(List.of(0), positionsSignedBy(subscription.secret(), eventId, request.header("webhook-timestamp"),
                request.body(), request.header("webhook-signature")));
        assertEquals("application/cloudevents+json; charset=UTF-8", request.header("content-type"));

        JsonNode event = JSON.readTree(request.body());
        assertEquals("1.0", event.get("specversion").asText());
        assertEquals(eventId, event.get("id").asText());
        assertEquals("/tests", event.get("source").asText());
        assertEquals("dev.verity.card.created", event.get("type").asText());
        assertEquals(card.toString(), event.get("subject").asText());
        assertTrue(event.hasNonNull("time"));
        assertEquals("application/json", event.get("datacontenttype").asText());
        assertEquals(card.toString(), event.get("data").get("cardId").asText());
        assertEquals("Refunds v1", event.get("data").get("card").get("title").asText());

        awaitDelivery(subscription.id(), "DELIVERED", 1);
        deliveries(subscription.id())
                .body("items", hasSize(1))
                .body("items[0].eventId", equalTo(eventId))
                .body("items[0].eventType", equalTo("dev.verity.card.created"))
                .body("items[0].cardId", equalTo(card.toString()))
                .body("items[0].statusCode", equalTo(204))
                .body("items[0].latencyMs", notNullValue())
                .body("items[0].error", nullValue())
                .body("items[0].nextAttemptAt", nullValue())
                .body("items[0].deliveredAt", notNullValue());
    }

    /**
     * Subscriptions stored before the reverse-DNS types name the legacy bare type; they are not migrated but
     * matched on read, and a legacy-typed event (an old record re-driven) reaches new-style subscriptions too, always
     * relayed under its current name.
     */
    @Test
    void aSubscriptionStoredWithALegacyTypeStillReceivesItsEventsAndALegacyTypedEventIsRelayedUnderItsCurrentName()
            throws Exception {
        WebhookReceiver receiver = receiver();
        Subscription subscription = subscribe(receiver.url(), CardEventTypes.UPDATED);
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                "UPDATE webhook_subscription_event_type SET event_type = 'card.updated' WHERE subscription_id = ?1")
                .setParameter(1, UUID.fromString(subscription.id())).executeUpdate());
        given().auth().oauth2(admin()).get("/webhooks/subscriptions/" + subscription.id()).then().statusCode(200)
                .body("eventTypes", equalTo(List.of(CardEventTypes.UPDATED)));

        UUID card = UUID.randomUUID();
        String current = cardEvent(CardEventTypes.UPDATED, card, 2);
        String legacy = cardEvent("card.updated", card, 3);

        List<WebhookReceiver.Received> received = awaitReceived(receiver, 2);
        assertEquals(List.of(current, legacy), received.stream().map(r -> r.header("webhook-id")).toList());
        for (WebhookReceiver.Received request : received) {
            assertEquals(CardEventTypes.UPDATED, JSON.readTree(request.body()).get("type").asText());
        }
    }

    @Test
    void onlyTheSubscribedTypesAreDeliveredAndVerificationEventsAreRelayedToo() {
        WebhookReceiver receiver = receiver();
        subscribe(receiver.url(), VerificationEventTypes.EXPIRED);
        UUID card = UUID.randomUUID();
        cardEvent(CardEventTypes.CREATED, card, 1); // not subscribed
        String expired = WebhookFixtures.verificationEvent(VerificationEventTypes.EXPIRED, card);

        WebhookReceiver.Received request = awaitReceived(receiver, 1).get(0);
        assertEquals(expired, request.header("webhook-id"));
        assertTrue(request.body().contains("\"source\":\"/verification-service\""), request.body());
        assertTrue(request.body().contains("\"type\":\"dev.verity.verification.expired\""), request.body());
        assertEquals(1, receiver.received().size());
    }

    @Test
    void aTargetThatFailsTwiceGetsTheDeliveryOnTheThirdAttempt() {
        WebhookReceiver receiver = receiver().answer(500, 503);
        Subscription subscription = subscribe(receiver.url(), CardEventTypes.UPDATED);
        String eventId = cardEvent(CardEventTypes.UPDATED, UUID.randomUUID(), 2);

        awaitDelivery(subscription.id(), "DELIVERED", 3);
        deliveries(subscription.id()).body("items[0].statusCode", equalTo(204));
        List<WebhookReceiver.Received> attempts = receiver.received();
        assertEquals(3, attempts.size());
        for (WebhookReceiver.Received attempt : attempts) {
            assertEquals(eventId, attempt.header("webhook-id"), "every attempt carries the event id");
            assertSignedBy(subscription.secret(), attempt);
        }
    }

    @Test
    void aDeliveryFailingEveryAttemptIsDeadAndRedeliverSendsItAgain() {
        WebhookReceiver receiver = receiver().answerAlways(500);
        Subscription subscription = subscribe(receiver.url(), CardEventTypes.UPDATED);
        String eventId = cardEvent(CardEventTypes.UPDATED, UUID.randomUUID(), 2);

        awaitDelivery(subscription.id(), "DEAD", 4); // the first attempt and one per pause of the schedule
        String deliveryId = deliveries(subscription.id())
                .body("items[0].statusCode", equalTo(500))
                .body("items[0].error", equalTo("the target answered HTTP 500"))
                .body("items[0].nextAttemptAt", nullValue())
                .extract().path("items[0].id");
        assertEquals(4, receiver.received().size());
        given().auth().oauth2(admin()).get("/webhooks/subscriptions/" + subscription.id()).then()
                .body("failingSince", notNullValue())
                .body("active", equalTo(true));

        receiver.answerAlways(200);
        given().auth().oauth2(admin())
                .post("/webhooks/subscriptions/" + subscription.id() + "/deliveries/" + deliveryId + "/redeliver")
                .then().statusCode(202)
                .body("status", equalTo("PENDING"))
                .body("attempt", equalTo(0));
        awaitDelivery(subscription.id(), "DELIVERED", 1);
        assertEquals(eventId, receiver.received().get(4).header("webhook-id"));
        given().auth().oauth2(admin()).get("/webhooks/subscriptions/" + subscription.id()).then()
                .body("failingSince", nullValue());
    }

    @Test
    void oneCardsDeliveriesReachASubscriptionInOrderEvenWhenTheFirstNeedsRetries() {
        WebhookReceiver receiver = receiver().answer(500, 500);
        subscribe(receiver.url(), CardEventTypes.CREATED, CardEventTypes.UPDATED);
        UUID card = UUID.randomUUID();
        String v1 = cardEvent(CardEventTypes.CREATED, card, 1);
        String v2 = cardEvent(CardEventTypes.UPDATED, card, 2);
        String v3 = cardEvent(CardEventTypes.UPDATED, card, 3);

        List<String> arrived = awaitReceived(receiver, 5).stream().map(r -> r.header("webhook-id")).toList();
        assertEquals(List.of(v1, v1, v1, v2, v3), arrived);
    }

    /** The schedule's pause here is 0.2 s and the worker looks every second: only Retry-After makes it wait 2 s. */
    @Test
    void aTargetsRetryAfterLongerThanTheSchedulesPauseIsHonoured() {
        WebhookReceiver receiver = receiver().answer(503).retryAfter(2);
        Subscription subscription = subscribe(receiver.url(), CardEventTypes.UPDATED);
        cardEvent(CardEventTypes.UPDATED, UUID.randomUUID(), 2);

        awaitDelivery(subscription.id(), "DELIVERED", 2);
        List<WebhookReceiver.Received> attempts = receiver.received();
        Duration between = Duration.between(attempts.get(0).at(), attempts.get(1).at());
        assertTrue(between.compareTo(Duration.ofSeconds(2)) >= 0, "second attempt after " + between);
    }

    /**
     * An instance that stopped mid-attempt leaves its delivery IN_FLIGHT: once the lease runs out another claim
     * takes it over (and the attempt that may have reached the target is not counted); a lease still running is
     * left alone, and so is every later delivery of its card.
     */
    @Test
    void aDeliveryLeftInFlightIsTakenOverOnceItsLeaseRunsOutAndNotBefore() {
        WebhookReceiver receiver = receiver();
        Subscription subscription = subscribe(receiver.url(), CardEventTypes.UPDATED);
        String abandoned = inFlight(subscription, "card-a", Duration.ofSeconds(-1));
        String held = inFlight(subscription, "card-b", Duration.ofHours(1));
        String heldsNext = inFlight(subscription, "card-b", null);

        List<WebhookReceiver.Received> received = awaitReceived(receiver, 1);
        assertEquals(abandoned, received.get(0).header("webhook-id"));
        assertSignedBy(subscription.secret(), received.get(0));
        await().atMost(PATIENCE).untilAsserted(() -> deliveries(subscription.id())
                .body("items.find { it.eventId == '" + abandoned + "' }.status", equalTo("DELIVERED"))
                .body("items.find { it.eventId == '" + abandoned + "' }.attempt", equalTo(1)));
        deliveries(subscription.id())
                .body("items.find { it.eventId == '" + held + "' }.status", equalTo("IN_FLIGHT"))
                .body("items.find { it.eventId == '" + heldsNext + "' }.status", equalTo("PENDING"));
        assertEquals(1, receiver.received().size(), "neither the held delivery nor its card's next one is sent");
    }

    /**
     * A lease runs out by the database's clock, not the service's: an instance whose clock runs an hour ahead (here the
     * service's own, moved on) hands back no delivery whose send is still under way, so it is not sent a second time.
     */
    @Test
    void aLeaseRunsOutByTheDatabasesClockSoAServiceClockRunningAheadTakesNoSendOver() {
        WebhookReceiver receiver = receiver();
        Subscription subscription = subscribe(receiver.url(), CardEventTypes.UPDATED);
        inFlight(subscription, "card-d", Duration.ofMinutes(10));
        TestClock.jump(Duration.ofHours(1));
        try {
            Instant ahead = TestClock.INSTANCE.instant();
            assertEquals(0, QuarkusTransaction.requiringNew().call(
                    () -> deliveryRepository.releaseExpiredLeases(ahead)));
        } finally {
            TestClock.reset();
        }
        deliveries(subscription.id())
                .body("items[0].status", equalTo("IN_FLIGHT"))
                .body("items[0].attempt", equalTo(0));
        assertEquals(0, receiver.received().size());
    }

    /** The claim that made an attempt has lost the delivery (its lease ran out, another took over): nothing is written. */
    @Test
    void anAttemptWhoseClaimWasTakenOverIsNotRecorded() {
        WebhookReceiver receiver = receiver();
        Subscription subscription = subscribe(receiver.url(), CardEventTypes.UPDATED);
        String eventId = inFlight(subscription, "card-c", Duration.ofHours(1));
        UUID id = QuarkusTransaction.requiringNew().call(() -> (UUID) em.createNativeQuery(
                "SELECT id FROM webhook_delivery WHERE event_id = ?1", UUID.class).setParameter(1, eventId)
                .getSingleResult());
        DeliveryJob lost = new DeliveryJob(id, 0, UUID.randomUUID(), UUID.fromString(subscription.id()),
                receiver.url(), eventId, CardEventTypes.UPDATED, "{}", List.of());
        Instant now = Instant.now();

        boolean recorded = QuarkusTransaction.requiringNew().call(() -> deliveryRepository.record(lost,
                DeliveryQueue.Outcome.delivered(204), new DeliveryQueue.Recorded(DeliveryQueue.Result.SENT, 1, now,
                        null)));

        assertTrue(!recorded, "recorded under a lease token that no longer holds the delivery");
        deliveries(subscription.id())
                .body("items[0].status", equalTo("IN_FLIGHT"))
                .body("items[0].attempt", equalTo(0));
    }

    /**
     * A delivery of {@code orderingKey} written straight into the table: IN_FLIGHT under someone else's lease ending
     * {@code leaseLeft} from now, or PENDING and due when that is null. Returns its event id.
     */
    private String inFlight(Subscription subscription, String orderingKey, Duration leaseLeft) {
        String eventId = UUID.randomUUID().toString();
        String payload = "{\"specversion\":\"1.0\",\"id\":\"" + eventId + "\"}";
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("""
                INSERT INTO webhook_delivery (id, subscription_id, event_id, event_type, ordering_key, payload, status,
                                              attempts, next_attempt_at, lease_token, lease_until, created_at)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 0, now(), CASE WHEN ?7 = 'IN_FLIGHT' THEN CAST(?8 AS uuid) END,
                        CASE WHEN ?7 = 'IN_FLIGHT' THEN now() + make_interval(secs => ?9) END, now())""")
                .setParameter(1, UUID.randomUUID())
                .setParameter(2, UUID.fromString(subscription.id()))
                .setParameter(3, eventId)
                .setParameter(4, CardEventTypes.UPDATED)
                .setParameter(5, orderingKey)
                .setParameter(6, payload)
                .setParameter(7, leaseLeft == null ? "PENDING" : "IN_FLIGHT")
                .setParameter(8, UUID.randomUUID().toString())
                .setParameter(9, leaseLeft == null ? 0.0 : leaseLeft.toMillis() / 1000.0)
                .executeUpdate());
        return eventId;
    }

    /**
     * A polled batch is queued with one multi-row insert: every subscription gets each event once, numbered in event
     * order (so one card's deliveries go out in its order), and the same batch again adds nothing.
     */
    @Test
    void aBatchOfEventsIsQueuedForEverySubscriptionInEventOrderAndOnlyOnce() {
        WebhookReceiver first = receiver();
        WebhookReceiver second = receiver();
        Subscription one = subscribe(first.url(), CardEventTypes.UPDATED);
        Subscription two = subscribe(second.url(), CardEventTypes.UPDATED, CardEventTypes.CREATED);
        UUID card = UUID.randomUUID();
        List<EventConsumer.Claimed<JsonNode>> batch = new ArrayList<>();
        for (int version = 1; version <= 4; version++) {
            String type = version == 1 ? CardEventTypes.CREATED : CardEventTypes.UPDATED;
            batch.add(new EventConsumer.Claimed<>(new IncomingCloudEvent(UUID.randomUUID().toString(), type,
                    "/tests", card.toString(), AT, card.toString(), "{}"),
                    JSON.createObjectNode().put("cardId", card.toString()).put("version", version)));
        }
        List<String> ids = batch.stream().map(c -> c.event().id()).toList();

        assertEquals(7, QuarkusTransaction.requiringNew().call(() -> fanOut.fanOut(batch)));
        QuarkusTransaction.requiringNew().call(() -> fanOut.fanOut(batch)); // a redelivered batch

        assertEquals(ids.subList(1, 4), queued(one));
        assertEquals(ids, queued(two));
        assertEquals(ids, awaitReceived(second, 4).stream().map(r -> r.header("webhook-id")).toList());
        assertEquals(ids.subList(1, 4), awaitReceived(first, 3).stream().map(r -> r.header("webhook-id")).toList());
    }

    /** The event ids of the subscription's deliveries, in the order they were queued. */
    private List<String> queued(Subscription subscription) {
        return QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                "SELECT event_id FROM webhook_delivery WHERE subscription_id = ?1 ORDER BY seq", String.class)
                .setParameter(1, UUID.fromString(subscription.id())).getResultList());
    }

    @Test
    void aRedeliveredKafkaEventProducesNoSecondDelivery() {
        WebhookReceiver receiver = receiver();
        Subscription subscription = subscribe(receiver.url(), CardEventTypes.UPDATED);
        UUID card = UUID.randomUUID();
        String eventId = cardEvent(CardEventTypes.UPDATED, card, 2);
        cardEvent(CardEventTypes.UPDATED, eventId, card, 2); // the broker hands the same event over again
        // a later event of the same card (same partition): once it is delivered, the duplicate has been consumed
        String later = cardEvent(CardEventTypes.UPDATED, card, 3);

        await().atMost(PATIENCE).until(() -> receiver.received().stream()
                .anyMatch(r -> later.equals(r.header("webhook-id"))));
        assertEquals(List.of(eventId, later), receiver.received().stream().map(r -> r.header("webhook-id")).toList());
        deliveries(subscription.id()).body("items", hasSize(2));
        assertEquals(1L, ((Number) QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                "SELECT count(*) FROM processed_event WHERE consumer = ?1 AND event_id = ?2")
                .setParameter(1, WebhookEventsConsumer.CARDS).setParameter(2, eventId).getSingleResult())).longValue());
    }

    @Test
    void duringARotationsOverlapDeliveriesCarryTheNewAndTheOldSignature() {
        WebhookReceiver receiver = receiver();
        Subscription subscription = subscribe(receiver.url(), CardEventTypes.UPDATED);
        String rotate = "/webhooks/subscriptions/" + subscription.id() + "/secret/rotate";
        String newSecret = post(admin(), rotate, java.util.Map.of("overlap", "PT1H")).statusCode(200)
                .body("previousSecretExpiresAt", notNullValue())
                .extract().path("secret");
        assertTrue(newSecret.startsWith("whsec_") && !newSecret.equals(subscription.secret()));

        String during = cardEvent(CardEventTypes.UPDATED, UUID.randomUUID(), 2);
        WebhookReceiver.Received request = awaitReceived(receiver, 1).get(0);
        assertEquals(during, request.header("webhook-id"));
        String header = request.header("webhook-signature");
        String timestamp = request.header("webhook-timestamp");
        assertEquals(2, header.split(" ").length, header);
        assertEquals(List.of(0), positionsSignedBy(newSecret, during, timestamp, request.body(), header));
        assertEquals(List.of(1), positionsSignedBy(subscription.secret(), during, timestamp, request.body(), header));

        // a rotation without overlap: only the newest secret signs
        String newest = post(admin(), rotate, java.util.Map.of("overlap", "PT0S")).statusCode(200)
                .body("previousSecretExpiresAt", nullValue())
                .extract().path("secret");
        String after = cardEvent(CardEventTypes.UPDATED, UUID.randomUUID(), 2);
        WebhookReceiver.Received next = awaitReceived(receiver, 2).get(1);
        assertEquals(after, next.header("webhook-id"));
        assertEquals(List.of(0), positionsSignedBy(newest, after, next.header("webhook-timestamp"), next.body(),
                next.header("webhook-signature")));
        assertEquals(1, next.header("webhook-signature").split(" ").length);
    }

    @Test
    void aHangingTargetHoldsAtMostItsShareOfThreadsAndNeverDelaysAnotherSubscription() {
        WebhookReceiver hanging = receiver().hang();
        WebhookReceiver healthy = receiver();
        Subscription stuck = subscribe(hanging.url(), CardEventTypes.CREATED);
        subscribe(healthy.url(), CardEventTypes.CREATED);
        List<String> events = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            events.add(cardEvent(CardEventTypes.CREATED, UUID.randomUUID(), 1));
        }

        // all six reach the healthy target while the hanging one still holds its first requests (2 s timeout each)
        await().atMost(PATIENCE).until(() -> healthy.received().size() >= 6);
        assertEquals(events.stream().sorted().toList(),
                healthy.received().stream().map(r -> r.header("webhook-id")).sorted().toList());
        // a third request can only start once one of the first two has timed out (2 s): the receiver never notices
        // the client giving up, so count what arrived before that could have happened
        Instant first = hanging.received().get(0).at();
        long early = hanging.received().stream().filter(r -> r.at().isBefore(first.plusMillis(1900))).count();
        assertTrue(early <= 2, early + " requests reached the hanging target within 1.9 s; its concurrency is 2");
        await().atMost(PATIENCE).untilAsserted(() -> given().auth().oauth2(admin())
                .get("/webhooks/subscriptions/" + stuck.id() + "/deliveries").then()
                .body("items.error", org.hamcrest.Matchers.hasItem(containsString("no complete answer within 2000 ms"))));
    }

    @Test
    void aHangingSubscriptionDoesNotStallAnotherOnTheSameServer() {
        WebhookReceiver server = receiver().hangOn("/tenant-stuck");
        subscribe(server.url("/tenant-stuck"), CardEventTypes.CREATED);
        Subscription healthy = subscribe(server.url("/tenant-ok"), CardEventTypes.CREATED);
        for (int i = 0; i < 6; i++) {
            cardEvent(CardEventTypes.CREATED, UUID.randomUUID(), 1);
        }

        // the stuck tenant holds its share of connections to the shared address; the other tenant's deliveries
        // still each succeed on their first attempt (when they shared a pool of that share's size, they waited for
        // a connection until their own timeout and failed)
        await().atMost(PATIENCE).until(() -> server.received().size() >= 6);
        await().atMost(PATIENCE).untilAsserted(() -> deliveries(healthy.id())
                .body("items.size()", equalTo(6))
                .body("items.status", org.hamcrest.Matchers.everyItem(equalTo("DELIVERED")))
                .body("items.attempt", org.hamcrest.Matchers.everyItem(equalTo(1))));
    }

    @Test
    void aSubscriptionFailingForDaysIsDisabledAndItsOwnerIsToldOnceInTheInboxWithTargetAndReason() {
        WebhookReceiver receiver = receiver().answerAlways(500);
        Subscription subscription = subscribe(receiver.url(), CardEventTypes.UPDATED);
        // it has been failing for four days (the limit is three)
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                "UPDATE webhook_subscription SET failing_since = now() - interval '4 days' WHERE id = ?1")
                .setParameter(1, UUID.fromString(subscription.id())).executeUpdate());
        cardEvent(CardEventTypes.UPDATED, UUID.randomUUID(), 2);

        await().atMost(PATIENCE).untilAsserted(() -> given().auth().oauth2(admin())
                .get("/webhooks/subscriptions/" + subscription.id()).then()
                .body("active", equalTo(false))
                .body("disabledAt", notNullValue())
                .body("disabledReason", containsString("every delivery attempt has failed since")));
        // a disabled subscription gets no new deliveries
        cardEvent(CardEventTypes.UPDATED, UUID.randomUUID(), 2);
        String sentinel = UUID.randomUUID().toString();
        WebhookReceiver other = receiver();
        subscribe(other.url(), CardEventTypes.UPDATED);
        cardEvent(CardEventTypes.UPDATED, sentinel, UUID.randomUUID(), 2);
        awaitReceived(other, 1);
        deliveries(subscription.id()).body("items", hasSize(1));
        // the owner hears of it once, in their inbox, whatever else failed after it
        List<JsonNode> told = toldOfDisabling(receiver.url());
        assertEquals(1, told.size(), told.toString());
        assertTrue(told.get(0).get("message").asText().contains("every delivery attempt has failed since"),
                told.toString());
        assertTrue(told.get(0).get("cardId").isNull());
    }

    /** The admin's WEBHOOK_DISABLED notifications naming {@code url} (each receiver has a port of its own). */
    private static List<JsonNode> toldOfDisabling(String url) {
        JsonNode page;
        try {
            page = new ObjectMapper().readTree(given().auth().oauth2(admin()).queryParam("limit", 200)
                    .get("/notifications").then().statusCode(200).extract().asString());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        List<JsonNode> told = new ArrayList<>();
        page.get("items").forEach(item -> {
            if ("WEBHOOK_DISABLED".equals(item.get("type").asText()) && item.get("title").asText().contains(url)) {
                told.add(item);
            }
        });
        return told;
    }

    @Test
    void aTargetAnswering410GoneIsDisabledAtOnce() {
        WebhookReceiver receiver = receiver().answerAlways(410);
        Subscription subscription = subscribe(receiver.url(), CardEventTypes.UPDATED);
        cardEvent(CardEventTypes.UPDATED, UUID.randomUUID(), 2);

        awaitDelivery(subscription.id(), "DEAD", 1);
        given().auth().oauth2(admin()).get("/webhooks/subscriptions/" + subscription.id()).then()
                .body("active", equalTo(false))
                .body("disabledReason", containsString("410 Gone"));
        await().atMost(PATIENCE).until(() -> toldOfDisabling(receiver.url()).size() == 1);
        assertTrue(toldOfDisabling(receiver.url()).get(0).get("message").asText().contains("410 Gone"));
    }

    @Test
    void aTargetWhoseAddressTurnedPrivateIsRefusedAtDeliveryTime() {
        WebhookReceiver receiver = receiver();
        Subscription subscription = subscribe(receiver.url(), CardEventTypes.UPDATED);
        // as if its DNS name now pointed into the office network
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                "UPDATE webhook_subscription SET target_url = 'http://10.0.0.1:8080/hook' WHERE id = ?1")
                .setParameter(1, UUID.fromString(subscription.id())).executeUpdate());
        cardEvent(CardEventTypes.UPDATED, UUID.randomUUID(), 2);

        await().atMost(PATIENCE).untilAsserted(() -> deliveries(subscription.id())
                .body("items[0].attempt", org.hamcrest.Matchers.greaterThanOrEqualTo(1))
                .body("items[0].statusCode", nullValue())
                .body("items[0].error", containsString("target refused: host 10.0.0.1 resolves to 10.0.0.1, a private address")));
        assertEquals(0, receiver.received().size());
    }
}
