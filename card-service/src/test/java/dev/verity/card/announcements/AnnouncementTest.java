package dev.verity.card.announcements;

import static dev.verity.card.Fixtures.ADMIN;
import static dev.verity.card.Fixtures.token;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.verity.card.Fixtures;
import dev.verity.events.Topics;
import dev.verity.platform.cloudevents.IncomingCloudEvent;
import dev.verity.testing.TestClock;
import dev.verity.testing.TestKafka;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Announcements against the real stack: who is told (each once, only readers), acknowledgements, reminders at most
 * once a day and only to those who have not acknowledged, loss of read access, renewals and bad input.
 */
@QuarkusTest
class AnnouncementTest {

    @Inject
    ObjectMapper mapper;

    @BeforeAll
    static void topic() {
        TestKafka.ensureTopic(Topics.ANNOUNCEMENTS);
    }

    private static Map<String, Object> to(List<String> users, List<String> groups, String message) {
        Map<String, Object> body = new HashMap<>();
        body.put("userIds", users);
        body.put("groupIds", groups);
        body.put("message", message);
        return body;
    }

    private static io.restassured.response.Response announce(String author, String card, Map<String, Object> body) {
        return given().auth().oauth2(token(author)).contentType(ContentType.JSON).body(body)
                .post("/cards/" + card + "/announcements");
    }

    private List<String> told(ConsumerRecord<String, String> record) throws Exception {
        JsonNode data = mapper.readTree(IncomingCloudEvent.from(record).data());
        return mapper.convertValue(data.get("told"), List.class);
    }

    @Test
    void aGroupAnnouncementReachesEachMemberOnceAndOnlyThoseWhoMayReadTheCard() throws Exception {
        String author = Fixtures.unique("author");
        String bob = Fixtures.unique("bob");
        String carol = Fixtures.unique("carol");
        String stranger = Fixtures.unique("stranger");
        String team = Fixtures.unique("team");
        Fixtures.user(author);
        Fixtures.user(stranger);
        Fixtures.group(team, bob, carol, author);
        String collection = Fixtures.collection(author, "GROUP:" + team + ":READ_ONLY");
        String card = Fixtures.cardId(token(author), collection, "Refunds take 14 days");
        try (TestKafka.TopicReader topic = TestKafka.readFromEnd(Topics.ANNOUNCEMENTS)) {
            String id = announce(author, card, to(List.of(bob, stranger, bob), List.of(team), "Please read before your shift"))
                    .then().statusCode(201)
                    .header("Location", containsString("/announcements/"))
                    .body("recipients.userId", equalTo(List.of(bob, carol).stream().sorted().toList()))
                    .body("recipientCount", equalTo(2)).body("acknowledgedCount", equalTo(0))
                    .body("pendingCount", equalTo(2)).body("round", equalTo(1))
                    .body("message", equalTo("Please read before your shift"))
                    .extract().path("id");
            ConsumerRecord<String, String> created = topic.await(r -> card.equals(r.key()), 1, Duration.ofSeconds(20))
                    .get(0);
            assertEquals("dev.verity.announcement.created", IncomingCloudEvent.from(created).type());
            assertEquals(List.of(bob, carol).stream().sorted().toList(), told(created));

            given().auth().oauth2(token(bob)).get("/announcements?state=open").then().statusCode(200)
                    .body("items.id", hasItem(id)).body("items[0].cardTitle", equalTo("Refunds take 14 days"))
                    .body("items[0].acknowledged", equalTo(false)).body("items[0].recipients", nullValue());
            given().auth().oauth2(token(carol)).get("/announcements?state=OPEN&cardId=" + card).then().statusCode(200)
                    .body("items.id", equalTo(List.of(id)));
            given().auth().oauth2(token(carol)).get("/announcements?cardId=" + java.util.UUID.randomUUID()).then()
                    .statusCode(200).body("items", empty());
            given().auth().oauth2(token(stranger)).get("/announcements").then().statusCode(200)
                    .body("items", empty());
            given().auth().oauth2(token(stranger)).get("/announcements/" + id).then().statusCode(404);
        }
    }

    @Test
    void acknowledgementsAreIdempotentAndRemindersGoOnlyToThoseWhoHaveNotAcknowledgedAtMostOnceADay()
            throws Exception {
        String author = Fixtures.unique("author");
        String bob = Fixtures.unique("bob");
        String carol = Fixtures.unique("carol");
        Fixtures.user(author);
        String collection = Fixtures.collection(author, "USER:" + bob + ":READ_ONLY", "USER:" + carol + ":READ_ONLY");
        String card = Fixtures.cardId(token(author), collection, "Escalation matrix");
        String id = announce(author, card, to(List.of(bob, carol), List.of(), null)).then().statusCode(201)
                .body("message", nullValue()).extract().path("id");
        try (TestKafka.TopicReader topic = TestKafka.readFromEnd(Topics.ANNOUNCEMENTS)) {
            String first = given().auth().oauth2(token(bob)).post("/announcements/" + id + "/acknowledgement").then()
                    .statusCode(200).body("acknowledged", equalTo(true)).extract().path("acknowledgedAt");
            given().auth().oauth2(token(bob)).post("/announcements/" + id + "/acknowledgement").then()
                    .statusCode(200).body("acknowledgedAt", equalTo(first));
            given().auth().oauth2(token(bob)).get("/announcements?state=OPEN").then().body("items.id", not(hasItem(id)));
            given().auth().oauth2(token(bob)).get("/announcements?state=acknowledged").then().body("items.id", hasItem(id));
            given().auth().oauth2(token(author)).post("/announcements/" + id + "/acknowledgement").then()
                    .statusCode(404);
            given().auth().oauth2(token(carol)).post("/announcements/" + id + "/reminders").then().statusCode(403);

            given().auth().oauth2(token(author)).post("/announcements/" + id + "/reminders").then().statusCode(200)
                    .body("remindedUserIds", equalTo(List.of(carol))).body("nextReminderAt", notNullValue());
            given().auth().oauth2(token(author)).post("/announcements/" + id + "/reminders").then().statusCode(429)
                    .contentType("application/problem+json").header("Retry-After", notNullValue())
                    .body("nextReminderAt", notNullValue()).body("detail", containsString("next reminder"));
            try {
                TestClock.jump(Duration.ofHours(25));
                given().auth().oauth2(token(author)).post("/announcements/" + id + "/reminders").then()
                        .statusCode(200).body("remindedUserIds", equalTo(List.of(carol)));
            } finally {
                TestClock.reset();
            }
            // the created event may reach the topic after the reader opened: leave it out
            List<ConsumerRecord<String, String>> records = topic.await(r -> card.equals(r.key())
                    && !IncomingCloudEvent.from(r).type().endsWith(".created"), 3,
                    Duration.ofSeconds(20));
            assertEquals(List.of("dev.verity.announcement.acknowledged", "dev.verity.announcement.reminded",
                    "dev.verity.announcement.reminded"), records.stream().map(r -> IncomingCloudEvent.from(r).type()).toList());
            assertEquals(List.of(), told(records.get(0)));
            assertEquals(bob, mapper.readTree(IncomingCloudEvent.from(records.get(0)).data()).get("actorId").asText());
            assertEquals(List.of(carol), told(records.get(1)));

            given().auth().oauth2(token(carol)).post("/announcements/" + id + "/acknowledgement").then().statusCode(200);
            given().auth().oauth2(token(author)).get("/announcements/" + id).then().statusCode(200)
                    .body("acknowledgedCount", equalTo(2)).body("pendingCount", equalTo(0))
                    .body("recipients.acknowledgedAt", not(hasItem(nullValue())));
            TestClock.jump(Duration.ofHours(50)); // past the reminder made 25 h ahead
            try {
                given().auth().oauth2(token(author)).post("/announcements/" + id + "/reminders").then()
                        .statusCode(409).body("detail", containsString("nobody to remind"));
            } finally {
                TestClock.reset();
            }
        }
    }

    @Test
    void aRecipientWhoLosesReadAccessNoLongerSeesTheAnnouncementAndIsNotReminded() {
        String author = Fixtures.unique("author");
        String bob = Fixtures.unique("bob");
        String carol = Fixtures.unique("carol");
        String team = Fixtures.unique("team");
        Fixtures.user(author);
        Fixtures.group(team, bob, carol);
        String collection = Fixtures.collection(author, "GROUP:" + team + ":READ_ONLY");
        String card = Fixtures.cardId(token(author), collection, "Holiday opening hours");
        String id = announce(author, card, to(List.of(), List.of(team), "New hours")).then().statusCode(201)
                .body("recipientCount", equalTo(2)).extract().path("id");
        given().auth().oauth2(token(carol)).get("/announcements?state=OPEN").then().body("items.id", hasItem(id));

        given().auth().oauth2(ADMIN).delete("/directory/groups/" + team + "/members/" + carol).then()
                .statusCode(200);

        given().auth().oauth2(token(carol)).get("/announcements?state=OPEN").then().statusCode(200)
                .body("items.id", not(hasItem(id)));
        given().auth().oauth2(token(carol)).get("/announcements/" + id).then().statusCode(404);
        given().auth().oauth2(token(carol)).post("/announcements/" + id + "/acknowledgement").then().statusCode(404);
        given().auth().oauth2(token(author)).get("/announcements/" + id).then().statusCode(200)
                .body("recipientCount", equalTo(1)).body("pendingCount", equalTo(1))
                .body("recipients.find { it.userId == '" + carol + "' }.canRead", equalTo(false));
        given().auth().oauth2(token(author)).post("/announcements/" + id + "/reminders").then().statusCode(200)
                .body("remindedUserIds", equalTo(List.of(bob)));
    }

    @Test
    void anEditedCardCanAskEveryoneToAcknowledgeAgain() throws Exception {
        String author = Fixtures.unique("author");
        String bob = Fixtures.unique("bob");
        Fixtures.user(author);
        String collection = Fixtures.collection(author, "USER:" + bob + ":READ_ONLY");
        String card = Fixtures.cardId(token(author), collection, "Password resets");
        String id = announce(author, card, to(List.of(bob), null, null)).then().statusCode(201).extract().path("id");
        given().auth().oauth2(token(bob)).post("/announcements/" + id + "/acknowledgement").then().statusCode(200);
        given().auth().oauth2(token(author)).post("/announcements/" + id + "/renewals").then().statusCode(409)
                .body("announcedVersion", equalTo(1));

        Map<String, Object> edit = Fixtures.card(collection, "Password resets (new portal)");
        given().auth().oauth2(token(author)).header("If-Match", "\"1\"").contentType(ContentType.JSON).body(edit)
                .put("/cards/" + card).then().statusCode(200);
        try (TestKafka.TopicReader topic = TestKafka.readFromEnd(Topics.ANNOUNCEMENTS)) {
            given().auth().oauth2(token(author)).post("/announcements/" + id + "/renewals").then().statusCode(200)
                    .body("round", equalTo(2)).body("announcedVersion", equalTo(2))
                    .body("acknowledgedCount", equalTo(0)).body("cardTitle", equalTo("Password resets (new portal)"));
            ConsumerRecord<String, String> renewed = topic.await(r -> card.equals(r.key())
                    && IncomingCloudEvent.from(r).type().endsWith(".renewed"), 1, Duration.ofSeconds(20)).get(0);
            assertEquals("dev.verity.announcement.renewed", IncomingCloudEvent.from(renewed).type());
            assertEquals(List.of(bob), told(renewed));
        }
        given().auth().oauth2(token(bob)).get("/announcements?state=OPEN").then().body("items.id", hasItem(id));
    }

    @Test
    void badAnnouncementsAreProblemsNamingTheField() {
        String author = Fixtures.unique("author");
        String reader = Fixtures.unique("reader");
        Fixtures.user(author);
        String collection = Fixtures.collection(author, "USER:" + reader + ":READ_ONLY");
        String card = Fixtures.cardId(token(author), collection, "Announced badly");

        announce(author, card, to(List.of("nobody-" + Fixtures.unique("x")), List.of(), null)).then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("userIds"))
                .body("detail", containsString("unknown users"));
        announce(author, card, to(List.of(), List.of("no-group-" + Fixtures.unique("x")), null)).then()
                .statusCode(400).body("errors[0].field", equalTo("groupIds"));
        announce(author, card, to(List.of(), List.of(), null)).then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("userIds"));
        announce(author, card, to(List.of(author), null, null)).then().statusCode(400)
                .body("detail", containsString("may read"));
        announce(author, card, to(List.of(reader), null, "x".repeat(2001))).then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("message"));
        announce(reader, card, to(List.of(author), null, null)).then().statusCode(403)
                .contentType("application/problem+json").body("requiredRole", equalTo("AUTHOR"));
        announce(author, java.util.UUID.randomUUID().toString(), to(List.of(reader), null, null)).then()
                .statusCode(404).contentType("application/problem+json");
        announce(Fixtures.unique("stranger"), card, to(List.of(reader), null, null)).then().statusCode(404);
        given().auth().oauth2(token(reader)).get("/cards/" + card + "/announcements").then().statusCode(403);
        given().auth().oauth2(token(author)).get("/cards/" + card + "/announcements").then().statusCode(200)
                .body("items", empty());
        given().auth().oauth2(token(reader)).get("/announcements?state=maybe").then().statusCode(400)
                .body("errors[0].field", equalTo("state"));
        given().auth().oauth2(token(reader)).get("/announcements/" + java.util.UUID.randomUUID()).then().statusCode(404);
    }
}
