package dev.verity.web.signin;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** The prod profile never mints tokens, even with a key configured; it offers the OpenID Connect provider. */
@QuarkusTest
@TestProfile(ProdProfileSignInTest.ProdWithKey.class)
class ProdProfileSignInTest {

    public static class ProdWithKey implements QuarkusTestProfile {
        @Override
        public String getConfigProfile() {
            return "prod";
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("verity.web.dev-sign-in.private-key-location", DevSignInTest.writeKey().toString(),
                    "verity.web.oidc.issuer", "https://login.example.com/realms/verity",
                    "verity.web.oidc.client-id", "verity-web",
                    "verity.web.oidc.extra-query-params", "audience=verity");
        }
    }

    @Test
    void prodProfileOffersOnlyTheIdentityProvider() {
        given().when().get("/auth/config").then().statusCode(200)
                .body("devSignIn", equalTo(false))
                .body("oidc.issuer", equalTo("https://login.example.com/realms/verity"))
                .body("oidc.clientId", equalTo("verity-web"))
                .body("oidc.extraQueryParams.audience", equalTo("verity"));
        given().contentType("application/json").body("{\"user\":\"alice\"}")
                .when().post("/auth/dev-sign-in").then().statusCode(404);
    }
}
