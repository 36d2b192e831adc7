package dev.verity.web.signin;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** Without the local stack's key there is no dev sign-in: nothing can mint a token. */
@QuarkusTest
class SignInResourceTest {

    @Test
    void withoutTheDevKeyThereIsNoDevSignIn() {
        given().when().get("/auth/config").then().statusCode(200)
                .body("devSignIn", equalTo(false)).body("people.size()", equalTo(0)).body("oidc", nullValue());
        given().contentType("application/json").body("{\"user\":\"admin\"}")
                .when().post("/auth/dev-sign-in")
                .then().statusCode(404).contentType("application/problem+json");
    }
}
