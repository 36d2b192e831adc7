package dev.verity.card.capture;

import static dev.verity.card.Fixtures.token;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.verity.card.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Capture from chat: a Slack thread becomes a draft card. */
@QuarkusTest
class CaptureTest {

    @Test
    void slackThreadBecomesADraftCardWithItsPermalinkAsSource() {
        String collection = Fixtures.collection("alice");
        String permalink = "https://acme.slack.com/archives/C024BE91L/p1700000000123456";
        Map<String, Object> message = Map.of(
                "user", "U024BE7LG", "channel", "support-billing", "ts", "1700000000.123456", "permalink", permalink,
                "text", "Are *PayPal* refunds instant now? <@U024BE7LH|maria>",
                "replies", List.of(Map.of("user", "maria", "ts", "1700000100.000200",
                        "text", "Yes, since May: <https://help.example.com/paypal|help page> &amp; no fee")));
        given().auth().oauth2(token("alice")).contentType(ContentType.JSON)
                .body(Map.of("collectionId", collection, "message", message)).post("/captures")
                .then().statusCode(201)
                .body("status", equalTo("DRAFT"))
                .body("title", equalTo("Are PayPal refunds instant now? @maria"))
                .body("sourceUrl", equalTo(permalink))
                .body("body", containsString("Are **PayPal** refunds instant now? @maria"))
                .body("body", containsString("[help page](https://help.example.com/paypal) & no fee"))
                .body("body", containsString("**maria** · 2023-11-14 22:15 UTC"))
                .body("bodyHtml", containsString("<strong>PayPal</strong>"));
    }

    @Test
    void captureWithABadTimestampOrNoCollectionIs400() {
        given().auth().oauth2(token("alice")).contentType(ContentType.JSON)
                .body(Map.of("collectionId", Fixtures.collection("alice"),
                        "message", Map.of("user", "U1", "text", "hi", "ts", "yesterday")))
                .post("/captures").then().statusCode(400).body("errors[0].field", equalTo("message.ts"));
        given().auth().oauth2(token("alice")).contentType(ContentType.JSON)
                .body(Map.of("message", Map.of("user", "U1", "text", "hi", "ts", "1700000000.1")))
                .post("/captures").then().statusCode(400).body("errors[0].field", equalTo("collectionId"));
    }
}
