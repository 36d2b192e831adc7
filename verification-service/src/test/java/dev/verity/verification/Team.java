package dev.verity.verification;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import dev.verity.events.CardSnapshot;
import dev.verity.events.CardStatuses;
import dev.verity.testing.TestAccessEvents;
import dev.verity.testing.TestTokens;
import dev.verity.verification.collections.AccessChanges;
import dev.verity.verification.cards.VerificationService;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.restassured.specification.RequestSpecification;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * A collection of its own per test, so nothing from other tests or earlier runs interferes: an owner, an author, a
 * reader, a verifier (reader), and a verifier group (reader) with one member; strangers hold no role.
 */
final class Team {

    static final Duration PATIENCE = Duration.ofSeconds(30);

    final String tag = UUID.randomUUID().toString().substring(0, 8);
    final String owner = "own-" + tag;
    final String author = "auth-" + tag;
    final String reader = "read-" + tag;
    final String verifier = "ver-" + tag;
    final String group = "grp-" + tag;
    final String member = "mem-" + tag;
    final String stranger = "str-" + tag;
    final UUID collection = UUID.randomUUID();
    private final EntityManager em;

    private Team(EntityManager em) {
        this.em = em;
    }

    static Team create(EntityManager em) {
        Team team = new Team(em);
        String groupEvent = TestAccessEvents.group(team.group, 1, team.member);
        TestAccessEvents.collection(team.collection, 1, "Team " + team.tag,
                TestAccessEvents.grant("USER", team.owner, "COLLECTION_OWNER"),
                TestAccessEvents.grant("USER", team.author, "AUTHOR"),
                TestAccessEvents.grant("USER", team.reader, "READ_ONLY"),
                TestAccessEvents.grant("USER", team.verifier, "READ_ONLY"),
                TestAccessEvents.grant("GROUP", team.group, "READ_ONLY"));
        CardEventFeed.awaitCollection(team.collection, team.owner);
        team.awaitApplied(AccessChanges.DIRECTORY_CONSUMER, groupEvent);
        return team;
    }

    /** A card of this collection at version 1, created by {@code authorId}, verified by {@code verifierId}. */
    CardSnapshot card(UUID id, long version, String title, String authorId, String verifierId, int intervalDays,
            Instant createdAt, String status) {
        return CardEventFeed.card(id, version, title, authorId, verifierId, intervalDays, createdAt, status, null,
                collection);
    }

    /** Publishes a new published card and waits until its record is there. */
    UUID newCard(String title, String authorId, String verifierId, int intervalDays, Instant createdAt) {
        UUID id = UUID.randomUUID();
        String eventId = CardEventFeed.publish("card.created", UUID.randomUUID().toString(), authorId,
                card(id, 1, title, authorId, verifierId, intervalDays, createdAt, CardStatuses.PUBLISHED));
        awaitApplied(VerificationService.CONSUMER, eventId);
        return id;
    }

    RequestSpecification as(String user, String... groups) {
        return given().auth().oauth2(TestTokens.user(user, groups));
    }

    /** The inbox row commits with the event's effect, so once it is there the event has been fully applied. */
    void awaitApplied(String consumer, String eventId) {
        await().atMost(PATIENCE).until(() -> QuarkusTransaction.requiringNew().call(() -> ((Number) em
                .createNativeQuery("SELECT count(*) FROM processed_event WHERE consumer = ?1 AND event_id = ?2")
                .setParameter(1, consumer).setParameter(2, eventId).getSingleResult()).longValue() == 1));
    }
}
