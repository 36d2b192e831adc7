package dev.verity.search;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.verity.events.CardEventTypes;
import dev.verity.events.CardSnapshot;
import dev.verity.events.Topics;
import dev.verity.events.VerificationEvent;
import dev.verity.events.VerificationStatuses;
import dev.verity.search.slack.SlackPeopleConsumer;
import dev.verity.testing.TestAccessEvents;
import dev.verity.testing.TestCardEvents;
import dev.verity.testing.TestKafka;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.ResponseException;
import org.elasticsearch.client.RestClient;

/**
 * Publishes card events as card-service would (through {@link TestCardEvents}), and verification events, and looks
 * at what the service made of them (inbox, index).
 */
@ApplicationScoped
public class CardFeed {

    static final UUID COLLECTION = TestCardEvents.COLLECTION;
    static final UUID FOLDER = UUID.fromString("9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d");
    static final String INDEX = "test-cards";

    private final ObjectMapper mapper;
    private final EntityManager em;
    private final RestClient elasticsearch;

    CardFeed(ObjectMapper mapper, EntityManager em, RestClient elasticsearch) {
        this.mapper = mapper;
        this.em = em;
        this.elasticsearch = elasticsearch;
    }

    /** A word no other test or earlier run uses, so assertions see only this test's cards. */
    static String uniqueWord() {
        return "zq" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }

    /** Publishes card.created (version 1) or card.updated; returns the event id. */
    String publish(UUID cardId, long version, String title, String body, String status) {
        return publish(UUID.randomUUID().toString(), version == 1 ? CardEventTypes.CREATED : CardEventTypes.UPDATED,
                cardId, version, title, body, status);
    }

    String publish(String eventId, String type, UUID cardId, long version, String title, String body,
            String status) {
        return publish(eventId, type, cardId, version, title, body, status, COLLECTION);
    }

    /** Publishes card.created (version 1) or card.updated with this snapshot; returns the event id. */
    String publish(CardSnapshot card) {
        return TestCardEvents.publish(card, "alice");
    }

    /** A published card at version 1. */
    static CardSnapshot card(UUID collection, String title, String body, List<String> tags, UUID folder,
            String owner, Instant updatedAt) {
        return new CardSnapshot(UUID.randomUUID(), 1, title, body, tags, "PUBLISHED", owner, owner, 90, updatedAt,
                updatedAt, collection, folder == null ? List.of() : List.of(folder), null, owner, null, null);
    }

    /** Publishes a verification event as verification-service would; returns the event id. */
    String verification(UUID cardId, String type, String status, Instant occurredAt) {
        return verification(cardId, type, status, occurredAt, null);
    }

    /** The same, saying when the card was last verified (as events do from verification.started on). */
    String verification(UUID cardId, String type, String status, Instant occurredAt, Instant verifiedAt) {
        VerificationEvent event = new VerificationEvent(cardId, 1, "a card", null, "alice", status,
                VerificationStatuses.VERIFIED.equals(status) ? null : "FLAGGED", occurredAt.plus(Duration.ofDays(90)),
                90, null, "alice", null, occurredAt, verifiedAt);
        String eventId = UUID.randomUUID().toString();
        try {
            TestKafka.publish(Topics.VERIFICATIONS, cardId.toString(), eventId, type, "/verification-service",
                    mapper.writeValueAsString(event));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return eventId;
    }

    /** A published card.created (version 1) in {@code collection}; returns the event id. */
    String publishIn(UUID collection, UUID cardId, String title, String body) {
        return publish(UUID.randomUUID().toString(), CardEventTypes.CREATED, cardId, 1, title, body, "PUBLISHED",
                collection);
    }

    private String publish(String eventId, String type, UUID cardId, long version, String title, String body,
            String status, UUID collection) {
        Instant now = Instant.now();
        CardSnapshot card = new CardSnapshot(cardId, version, title, body, List.of("billing"), status, "alice",
                "alice", 90, now, now, collection, List.of(FOLDER), "card-" + cardId, "olivia", null, null);
        return TestCardEvents.publish(type, eventId, "alice", card);
    }

    /**
     * Lets {@code user} read {@link #COLLECTION}, where the simple test cards live, and waits until search applied
     * it. The version is the clock, so it is newer than whatever an earlier test run left.
     */
    void letRead(String user) {
        String eventId = TestAccessEvents.collection(COLLECTION, System.currentTimeMillis(), "Search tests",
                TestAccessEvents.grant("USER", "alice", "COLLECTION_OWNER"), TestAccessEvents.reader(user));
        await().atMost(Duration.ofSeconds(30)).until(() -> applied(eventId));
    }

    /** How often a consumer's inbox holds the event: 1 once applied, never more. */
    long timesApplied(String eventId) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em
                .createNativeQuery("SELECT count(*) FROM processed_event WHERE event_id = ?1 AND consumer <> ?2")
                .setParameter(2, SlackPeopleConsumer.INBOX) // the Slack app's own reader of the directory
                .setParameter(1, eventId).getSingleResult()).longValue());
    }

    boolean applied(String eventId) {
        long times = timesApplied(eventId);
        if (times > 1) {
            throw new AssertionError("event " + eventId + " applied " + times + " times");
        }
        return times == 1;
    }

    /**
     * A realtime read of the document's status and version ({@code null} when absent): it sees a write at once,
     * without waiting for a refresh.
     */
    IndexedCard indexed(UUID id) {
        try {
            var response = elasticsearch.performRequest(new Request("GET", "/" + INDEX + "/_doc/" + id));
            var doc = mapper.readTree(response.getEntity().getContent());
            return new IndexedCard(doc.path("_source").path("status").asText(null), doc.path("_version").asLong(),
                    doc.path("_source").path("title").asText(null));
        } catch (ResponseException e) {
            if (e.getResponse().getStatusLine().getStatusCode() == 404) {
                return null;
            }
            throw new UncheckedIOException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    record IndexedCard(String status, long version, String title) {
    }

    /** Sets or lifts a write block on the test index, as an operator (or a full disk) would. */
    void blockWrites(boolean blocked) {
        Request request = new Request("PUT", "/" + INDEX + "/_settings");
        request.setJsonEntity("{\"index.blocks.write\": " + blocked + "}");
        try {
            elasticsearch.performRequest(request);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
