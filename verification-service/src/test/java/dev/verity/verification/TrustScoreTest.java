package dev.verity.verification;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** verified ÷ live, now and day by day, over the collections the caller can read. */
@QuarkusTest
class TrustScoreTest {

    @Inject
    EntityManager em;

    Team team;

    @BeforeEach
    void team() {
        team = Team.create(em);
    }

    @Test
    void theScoreIsVerifiedOverLiveNowAndAtTheEndOfEachDay() {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        Instant twoDaysAgo = today.minusDays(2).atTime(12, 0).toInstant(ZoneOffset.UTC);
        team.newCard("Verified A", team.verifier, team.verifier, 30, twoDaysAgo);
        UUID flagged = team.newCard("Verified B", team.verifier, team.verifier, 30, twoDaysAgo);
        team.newCard("New", team.author, team.verifier, 30, twoDaysAgo);
        team.as(team.reader).contentType(ContentType.JSON).body(Map.of("reason", "Wrong"))
                .post("/verifications/" + flagged + "/unverify").then().statusCode(200);

        team.as(team.reader).queryParam("collectionId", team.collection.toString())
                .queryParam("from", today.minusDays(3).toString()).queryParam("to", today.toString())
                .get("/trust-scores").then().statusCode(200)
                .body("overall.verified", equalTo(1)).body("overall.live", equalTo(3))
                .body("overall.score", equalTo(1f / 3))
                .body("collections", hasSize(1))
                .body("collections[0].collectionId", equalTo(team.collection.toString()))
                .body("daily", hasSize(4))
                .body("daily[0].date", equalTo(today.minusDays(3).toString()))
                .body("daily[0].live", equalTo(0)).body("daily[0].score", nullValue())
                .body("daily[1].verified", equalTo(2)).body("daily[1].live", equalTo(3))
                .body("daily[2].verified", equalTo(2))
                .body("daily[3].verified", equalTo(1)).body("daily[3].live", equalTo(3));
    }

    @Test
    void onlyReadableCollectionsCountAndBadRangesAre400() {
        team.newCard("Verified", team.verifier, team.verifier, 30, Instant.now().minus(1, ChronoUnit.HOURS));
        team.as(team.stranger).get("/trust-scores").then().statusCode(200)
                .body("collections", hasSize(0)).body("overall.live", equalTo(0));
        team.as(team.stranger).queryParam("collectionId", team.collection.toString()).get("/trust-scores").then()
                .statusCode(404).contentType("application/problem+json");
        team.as(team.reader).queryParam("from", "2026-02-01").queryParam("to", "2026-01-01").get("/trust-scores")
                .then().statusCode(400).body("errors[0].field", equalTo("from"));
        team.as(team.reader).queryParam("from", "2024-01-01").queryParam("to", "2026-01-01").get("/trust-scores")
                .then().statusCode(400).body("errors[0].field", equalTo("from"));
        team.as(team.reader).queryParam("to", "yesterday").get("/trust-scores")
                .then().statusCode(400).body("errors[0].field", equalTo("to"));
        team.as(team.reader).queryParam("collectionId", "nope").get("/trust-scores")
                .then().statusCode(400).body("errors[0].field", equalTo("collectionId"));
    }
}
