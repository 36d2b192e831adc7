package dev.verity.card;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.oneOf;

import dev.verity.stack.DevKeys;
import dev.verity.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a bearer token must be to be accepted (audience verity, at most an hour old, signed by the configured key),
 * and which of its groups make an org admin: only the configured verity.auth.admin-groups (verity-admins in the
 * test profile). Mapped and unmapped token groups: {@link dev.verity.card.collections.AccessControlTest#aTokenGroupCountsOnlyThroughTheGroupMapping}.
 */
@QuarkusTest
class TokenRulesTest {

    @TempDir
    Path otherStackHome;

    @Test
    void aTokenIssuedForAnotherAudienceOrForNoneIs401() {
        given().auth().oauth2(TestTokens.token("alice").audience("another-app").sign()).get("/collections")
                .then().statusCode(401);
        given().auth().oauth2(TestTokens.token("alice").audience(null).sign()).get("/collections")
                .then().statusCode(401);
        given().auth().oauth2(TestTokens.token("alice").sign()).get("/collections").then().statusCode(200);
    }

    @Test
    void aTokenOlderThanTheMaximumAgeIs401EvenBeforeItExpires() {
        String twoHoursOld = TestTokens.token("alice").issuedAt(Instant.now().minus(Duration.ofHours(2)))
                .ttl(Duration.ofHours(3)).sign();
        given().auth().oauth2(twoHoursOld).get("/collections").then().statusCode(401);

        String fiftyMinutesOld = TestTokens.token("alice").issuedAt(Instant.now().minus(Duration.ofMinutes(50)))
                .ttl(Duration.ofHours(3)).sign();
        given().auth().oauth2(fiftyMinutesOld).get("/collections").then().statusCode(200);
    }

    @Test
    void aTokenSignedWithAnotherKeyIs401() {
        // same issuer, audience and key id; only the key differs
        String forged = DevKeys.ensure(otherStackHome).token("alice").sign();
        given().auth().oauth2(forged).get("/collections").then().statusCode(401);
    }

    @Test
    void aTokenGroupCalledAdminMakesNoAdmin() {
        String collection = Fixtures.collection("alice");
        String eve = TestTokens.user(Fixtures.unique("eve"), "ADMIN");

        given().auth().oauth2(eve).get("/collections/" + collection).then().statusCode(404);
        given().auth().oauth2(eve).contentType(ContentType.JSON)
                .body(Map.of("name", "Eve", "email", "eve@example.com"))
                .put("/directory/users/" + Fixtures.unique("eve")).then().statusCode(403);
    }

    @Test
    void aTokenInTheConfiguredAdminGroupIsAnAdmin() {
        String collection = Fixtures.collection("alice");
        String root = TestTokens.user(Fixtures.unique("root"), TestTokens.ADMIN_GROUP);

        given().auth().oauth2(root).get("/collections/" + collection).then().statusCode(200)
                .body("yourRole", equalTo("COLLECTION_OWNER"));
        given().auth().oauth2(root).contentType(ContentType.JSON)
                .body(Map.of("name", "Someone", "email", "someone@example.com"))
                .put("/directory/users/" + Fixtures.unique("someone")).then().statusCode(oneOf(200, 201));
    }
}
