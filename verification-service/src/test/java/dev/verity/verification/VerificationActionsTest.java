package dev.verity.verification;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.verity.events.Topics;
import dev.verity.events.VerificationEventTypes;
import dev.verity.platform.cloudevents.IncomingCloudEvent;
import dev.verity.testing.TestKafka;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Verify, flag, ask, change the policy, the queue and the history: each role allowed and denied. */
@QuarkusTest
class VerificationActionsTest {

    private static final Instant CREATED = Instant.now().minus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);

    @Inject
    EntityManager em;

    Team team;

    @BeforeEach
    void team() {
        team = Team.create(em);
    }

    @Test
    void onlyTheVerifierMayVerifyAndVerifyingRenewsAndResolvesFlags() {
        UUID card = team.newCard("Refunds", team.author, team.verifier, 30, CREATED);
        team.as(team.reader).get("/verifications/" + card).then().statusCode(200)
                .header("ETag", "\"1\"")
                .body("status", equalTo("UNVERIFIED")).body("reason", equalTo("NEW"));

        team.as(team.reader).contentType(ContentType.JSON).body(Map.of("reason", "The window is 14 days now"))
                .post("/verifications/" + card + "/unverify").then().statusCode(200)
                .body("status", equalTo("UNVERIFIED")).body("reason", equalTo("FLAGGED"))
                .body("openFlagCount", equalTo(1));
        team.as(team.verifier).get("/verifications/" + card).then().statusCode(200)
                .body("openFlags", hasSize(1))
                .body("openFlags[0].reason", equalTo("The window is 14 days now"))
                .body("openFlags[0].flaggedBy", equalTo(team.reader));

        // an author, even an owner, is not the verifier; a stranger cannot tell the card exists
        team.as(team.author).contentType(ContentType.JSON).body(Map.of())
                .post("/verifications/" + card + "/verify").then().statusCode(403)
                .contentType("application/problem+json").body("detail", containsString(team.verifier));
        team.as(team.owner).post("/verifications/" + card + "/verify").then().statusCode(403);
        team.as(team.stranger).post("/verifications/" + card + "/verify").then().statusCode(404)
                .contentType("application/problem+json");

        Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String due = team.as(team.verifier).contentType(ContentType.JSON)
                .body(Map.of("comment", "Checked against the policy"))
                .post("/verifications/" + card + "/verify").then().statusCode(200)
                .body("status", equalTo("VERIFIED")).body("reason", nullValue())
                .body("lastVerifiedBy", equalTo(team.verifier))
                .body("openFlagCount", equalTo(0))
                .extract().path("nextDueAt");
        Instant nextDue = Instant.parse(due);
        assertEquals(30, ChronoUnit.DAYS.between(before, nextDue), "due one interval after verifying: " + due);
        team.as(team.reader).get("/verifications/" + card).then().body("openFlags", hasSize(0));

        team.as(team.reader).get("/verifications/" + card + "/history").then().statusCode(200)
                .body("items.kind", equalTo(List.of("VERIFIED", "FLAGGED", "CREATED")))
                .body("items[0].comment", equalTo("Checked against the policy"))
                .body("items[1].comment", equalTo("The window is 14 days now"))
                .body("items[1].status", equalTo("UNVERIFIED"));
        team.as(team.stranger).get("/verifications/" + card + "/history").then().statusCode(404);
    }

    @Test
    void aMemberOfTheVerifierGroupMayVerifyAndAnUnmappedTokenGroupGrantsNothing() {
        UUID card = team.newCard("Gift cards", team.author, team.group, 90, CREATED);
        team.as(team.member).post("/verifications/" + card + "/verify").then().statusCode(200)
                .body("status", equalTo("VERIFIED")).body("lastVerifiedBy", equalTo(team.member));
        // a token group counts only as the platform maps it; an unmapped one is not the directory group
        team.as(team.stranger, team.group).post("/verifications/" + card + "/verify").then().statusCode(404);
    }

    @Test
    void aFlagNeedsAReasonNoLongerThanTwoThousandCharacters() {
        UUID card = team.newCard("Shipping", team.author, team.verifier, 30, CREATED);
        team.as(team.reader).contentType(ContentType.JSON).body(Map.of())
                .post("/verifications/" + card + "/unverify").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("reason"));
        team.as(team.reader).contentType(ContentType.JSON).body(Map.of("reason", "x".repeat(2001)))
                .post("/verifications/" + card + "/unverify").then().statusCode(400)
                .body("errors[0].field", equalTo("reason")).body("detail", containsString("2000"));
        team.as(team.verifier).contentType(ContentType.JSON).body(Map.of("comment", "x".repeat(2001)))
                .post("/verifications/" + card + "/verify").then().statusCode(400)
                .body("errors[0].field", equalTo("comment"));
        team.as(team.reader).contentType(ContentType.JSON).body(Map.of("reason", "wrong"))
                .post("/verifications/" + UUID.randomUUID() + "/unverify").then().statusCode(404)
                .contentType("application/problem+json");
        team.as(team.stranger).contentType(ContentType.JSON).body(Map.of("reason", "wrong"))
                .post("/verifications/" + card + "/unverify").then().statusCode(404);
    }

    @Test
    void policyChangesNeedAnAuthorTheCurrentVersionAValidScheduleAndAVerifierWhoCanReadTheCard() {
        UUID card = team.newCard("Invoices", team.author, team.author, 90, CREATED);
        String path = "/verifications/" + card + "/policy";
        Map<String, Object> toGroup = Map.of("verifierId", team.group, "intervalDays", 30);

        team.as(team.reader).contentType(ContentType.JSON).header("If-Match", "\"1\"").body(toGroup)
                .put(path).then().statusCode(403).body("requiredRole", equalTo("AUTHOR"));
        team.as(team.stranger).contentType(ContentType.JSON).header("If-Match", "\"1\"").body(toGroup)
                .put(path).then().statusCode(404);
        team.as(team.author).contentType(ContentType.JSON).body(toGroup).put(path).then().statusCode(428);
        team.as(team.author).contentType(ContentType.JSON).header("If-Match", "\"7\"").body(toGroup)
                .put(path).then().statusCode(412).body("currentVersion", equalTo(1));
        team.as(team.author).contentType(ContentType.JSON).header("If-Match", "\"1\"")
                .body(Map.of("intervalDays", 45)).put(path).then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("intervalDays"));
        team.as(team.author).contentType(ContentType.JSON).header("If-Match", "\"1\"")
                .body(Map.of("verifyOn", LocalDate.now(ZoneOffset.UTC).minusDays(1).toString())).put(path).then()
                .statusCode(400).body("errors[0].field", equalTo("verifyOn"));
        team.as(team.author).contentType(ContentType.JSON).header("If-Match", "\"1\"")
                .body(Map.of("intervalDays", 30, "never", true)).put(path).then().statusCode(400)
                .body("detail", containsString("exactly one schedule"));
        team.as(team.author).contentType(ContentType.JSON).header("If-Match", "\"1\"")
                .body(Map.of("verifierId", team.stranger, "intervalDays", 30)).put(path).then().statusCode(400)
                .body("errors[0].field", equalTo("verifierId")).body("detail", containsString("no role"));

        team.as(team.author).contentType(ContentType.JSON).header("If-Match", "\"1\"").body(toGroup)
                .put(path).then().statusCode(200).header("ETag", "\"2\"")
                .body("verifierId", equalTo(team.group)).body("intervalDays", equalTo(30))
                .body("status", equalTo("UNVERIFIED")).body("reason", equalTo("VERIFIER_CHANGED"))
                .body("policyVersion", equalTo(2));
        // an owner sets a fixed date, then "never"
        String date = LocalDate.now(ZoneOffset.UTC).plusMonths(2).toString();
        team.as(team.owner).contentType(ContentType.JSON).header("If-Match", "\"2\"").body(Map.of("verifyOn", date))
                .put(path).then().statusCode(200).body("verifyOn", equalTo(date))
                .body("intervalDays", nullValue()).body("verifierId", equalTo(team.group));
        team.as(team.member).post("/verifications/" + card + "/verify").then().statusCode(200)
                .body("nextDueAt", equalTo(date + "T00:00:00Z"));
        team.as(team.owner).contentType(ContentType.JSON).header("If-Match", "*").body(Map.of("never", true))
                .put(path).then().statusCode(200).body("nextDueAt", nullValue()).body("status", equalTo("VERIFIED"));
    }

    @Test
    void everyActionIsPublishedOnTheVerificationTopicKeyedByCard() {
        TestKafka.ensureTopic(Topics.VERIFICATIONS);
        try (TestKafka.TopicReader topic = TestKafka.readFromEnd(Topics.VERIFICATIONS)) {
            UUID card = team.newCard("Returns", team.author, team.verifier, 30, CREATED);
            team.as(team.reader).contentType(ContentType.JSON).body(Map.of("reason", "Outdated"))
                    .post("/verifications/" + card + "/unverify").then().statusCode(200);
            team.as(team.reader).contentType(ContentType.JSON).body(Map.of("message", "A customer asked"))
                    .post("/verifications/" + card + "/requests").then().statusCode(202);
            team.as(team.verifier).post("/verifications/" + card + "/verify").then().statusCode(200);
            team.as(team.author).contentType(ContentType.JSON).header("If-Match", "\"1\"")
                    .body(Map.of("intervalDays", 7)).put("/verifications/" + card + "/policy").then().statusCode(200);

            List<ConsumerRecord<String, String>> events = topic.await(r -> card.toString().equals(r.key()), 5,
                    Team.PATIENCE);
            Map<String, IncomingCloudEvent> byType = events.stream().map(IncomingCloudEvent::from)
                    .collect(Collectors.toMap(IncomingCloudEvent::type, e -> e));
            // the state it started in (UNVERIFIED, NEW: its author is not its verifier), then each action
            assertEquals(List.of(VerificationEventTypes.STARTED, VerificationEventTypes.UNVERIFIED,
                    VerificationEventTypes.REQUESTED,
                    VerificationEventTypes.VERIFIED, VerificationEventTypes.POLICY_CHANGED),
                    events.stream().map(IncomingCloudEvent::from).map(IncomingCloudEvent::type).toList());
            assertEquals("/verification-service", byType.get(VerificationEventTypes.VERIFIED).source());
            assertEquals(card.toString(), byType.get(VerificationEventTypes.VERIFIED).subject());
            String flagged = events.get(1).value();
            org.hamcrest.MatcherAssert.assertThat(flagged, containsString("\"reason\":\"FLAGGED\""));
            org.hamcrest.MatcherAssert.assertThat(flagged, containsString("\"actorId\":\"" + team.reader + "\""));
            org.hamcrest.MatcherAssert.assertThat(flagged, containsString("\"comment\":\"Outdated\""));
            org.hamcrest.MatcherAssert.assertThat(events.get(2).value(), containsString("A customer asked"));
            org.hamcrest.MatcherAssert.assertThat(events.get(4).value(), containsString("\"intervalDays\":7"));
            org.hamcrest.MatcherAssert.assertThat(events.get(4).value(),
                    containsString("\"collectionId\":\"" + team.collection + "\""));
        }
    }

    @Test
    void theQueueListsMostOverdueFirstThenMostFlaggedPageByPage() {
        Instant older = CREATED.minus(1, ChronoUnit.DAYS);
        UUID oldest = team.newCard("Oldest", team.author, team.verifier, 30, older);
        UUID oneFlag = team.newCard("One flag", team.author, team.verifier, 30, CREATED);
        UUID twoFlags = team.newCard("Two flags", team.author, team.verifier, 30, CREATED);
        UUID groups = team.newCard("The group's", team.author, team.group, 30, CREATED.plusSeconds(60));
        // verified and not due for a month: not in the queue
        team.newCard("Fine", team.verifier, team.verifier, 30, Instant.now());
        // flags never move a card's due date later, so these keep their creation as due date
        flag(oneFlag, 1);
        flag(twoFlags, 2);

        team.as(team.verifier).get("/verifications/queue").then().statusCode(200)
                .body("items.cardId", equalTo(List.of(oldest.toString(), twoFlags.toString(), oneFlag.toString())))
                .body("nextCursor", nullValue());
        String cursor = team.as(team.verifier).queryParam("limit", 2).get("/verifications/queue").then()
                .statusCode(200).body("items.cardId", equalTo(List.of(oldest.toString(), twoFlags.toString())))
                .body("nextCursor", notNullValue()).extract().path("nextCursor");
        team.as(team.verifier).queryParam("limit", 2).queryParam("cursor", cursor).get("/verifications/queue")
                .then().statusCode(200).body("items.cardId", equalTo(List.of(oneFlag.toString())))
                .body("nextCursor", nullValue());
        // a member sees their group's cards
        team.as(team.member).get("/verifications/queue").then().statusCode(200)
                .body("items.cardId", equalTo(List.of(groups.toString())));
        team.as(team.verifier).queryParam("cursor", "not-ours").get("/verifications/queue").then()
                .statusCode(400).body("errors[0].field", equalTo("cursor"));
        team.as(team.verifier).queryParam("limit", 0).get("/verifications/queue").then().statusCode(400);
    }

    @Test
    void collectionOwnersSetTheDefaultsNewCardsTake() {
        String path = "/collections/" + team.collection + "/verification-defaults";
        team.as(team.reader).get(path).then().statusCode(200).body("verifierId", equalTo(team.owner))
                .body("intervalDays", equalTo(90));
        team.as(team.author).contentType(ContentType.JSON).body(Map.of("verifierId", team.group, "intervalDays", 30))
                .put(path).then().statusCode(403);
        team.as(team.stranger).get(path).then().statusCode(404);
        team.as(team.owner).contentType(ContentType.JSON).body(Map.of("verifierId", team.stranger, "intervalDays", 30))
                .put(path).then().statusCode(400).body("errors[0].field", equalTo("verifierId"));
        team.as(team.owner).contentType(ContentType.JSON).body(Map.of("verifierId", team.group, "intervalDays", 30))
                .put(path).then().statusCode(200).body("verifierId", equalTo(team.group));

        // a card that took card-service's defaults (its owner, 90 days) takes these instead; one naming its own keeps it
        UUID defaulted = team.newCard("Defaulted", team.author, team.owner, 90, CREATED);
        UUID named = team.newCard("Named", team.author, team.verifier, 90, CREATED);
        team.as(team.reader).get("/verifications/" + defaulted).then().body("verifierId", equalTo(team.group))
                .body("intervalDays", equalTo(30));
        team.as(team.reader).get("/verifications/" + named).then().body("verifierId", equalTo(team.verifier))
                .body("intervalDays", equalTo(90));
    }

    private void flag(UUID card, int times) {
        for (int i = 0; i < times; i++) {
            team.as(team.reader).contentType(ContentType.JSON).body(Map.of("reason", "flag " + i))
                    .post("/verifications/" + card + "/unverify").then().statusCode(200);
        }
    }
}
