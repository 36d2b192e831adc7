package dev.verity.card.directory;

import static dev.verity.card.Fixtures.ADMIN;
import static dev.verity.card.Fixtures.token;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.verity.card.Fixtures;
import dev.verity.events.Topics;
import dev.verity.platform.cloudevents.IncomingCloudEvent;
import dev.verity.testing.TestKafka;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class DirectoryTest {

    @Inject
    ObjectMapper mapper;

    @Test
    void adminManagesGroupsAndEveryChangeIsPublishedWithAllMembers() throws Exception {
        String group = Fixtures.unique("billing");
        Fixtures.user("frank");
        Fixtures.user("grace");
        try (TestKafka.TopicReader topic = TestKafka.readFromEnd(Topics.DIRECTORY)) {
            given().auth().oauth2(ADMIN).contentType(ContentType.JSON)
                    .body(Map.of("name", "Billing experts", "memberIds", List.of("frank")))
                    .put("/directory/groups/" + group).then().statusCode(201).body("version", equalTo(1));
            given().auth().oauth2(ADMIN).put("/directory/groups/" + group + "/members/grace")
                    .then().statusCode(200).body("memberIds", equalTo(List.of("frank", "grace")));
            given().auth().oauth2(ADMIN).delete("/directory/groups/" + group + "/members/frank")
                    .then().statusCode(200).body("memberIds", equalTo(List.of("grace")));

            List<org.apache.kafka.clients.consumer.ConsumerRecord<String, String>> records =
                    topic.await(r -> group.equals(r.key()), 3, Duration.ofSeconds(20));
            JsonNode last = mapper.readTree(IncomingCloudEvent.from(records.get(2)).data());
            assertEquals("dev.verity.directory.group.changed", IncomingCloudEvent.from(records.get(2)).type());
            assertEquals(3, last.get("version").asLong());
            assertEquals(List.of("grace"), mapper.convertValue(last.get("group").get("memberIds"), List.class));
        }
        given().auth().oauth2(token("frank")).get("/directory/groups/" + group).then().statusCode(200);
    }

    @Test
    void onlyAdminsChangeTheDirectory() {
        given().auth().oauth2(token("bob")).contentType(ContentType.JSON).body(Map.of("name", "Mallory"))
                .put("/directory/users/mallory").then().statusCode(403).contentType("application/problem+json");
        given().contentType(ContentType.JSON).body(Map.of("name", "Mallory"))
                .put("/directory/users/mallory").then().statusCode(401);
    }

    @Test
    void badDirectoryInputIsAClear400Or409() {
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON)
                .body(Map.of("name", "X", "memberIds", List.of("no-such-user-" + System.nanoTime())))
                .put("/directory/groups/" + Fixtures.unique("g")).then().statusCode(400)
                .body("detail", containsString("unknown users"));
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(Map.of("name", "X", "email", "not-an-email"))
                .put("/directory/users/" + Fixtures.unique("u")).then().statusCode(400)
                .body("errors[0].field", equalTo("email"));
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(Map.of("name", "X"))
                .put("/directory/users/bad id!").then().statusCode(400);
        String group = Fixtures.unique("shared");
        Fixtures.group(group);
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(Map.of("name", "X"))
                .put("/directory/users/" + group).then().statusCode(409);
    }

    @Test
    void removingAUserTakesThemOutOfGroups() {
        String user = Fixtures.unique("leaver");
        String group = Fixtures.unique("team");
        Fixtures.group(group, user, "alice");
        given().auth().oauth2(ADMIN).delete("/directory/users/" + user).then().statusCode(204);
        given().auth().oauth2(ADMIN).get("/directory/groups/" + group).then().body("memberIds", equalTo(List.of("alice")));
        given().auth().oauth2(ADMIN).get("/directory/users/" + user).then().statusCode(404);
    }

    @Test
    void concurrentReplacementsOfOneGroupEachApplyInTurnWithoutAServerError() throws Exception {
        String group = Fixtures.unique("racers");
        Fixtures.group(group, "alice");
        Fixtures.user("frank");
        Fixtures.user("grace");
        int writers = 6;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(writers);
        try {
            List<java.util.concurrent.Future<Integer>> answers = new java.util.ArrayList<>();
            for (int i = 0; i < writers; i++) {
                List<String> members = i % 2 == 0 ? List.of("alice", "frank") : List.of("grace");
                String name = "Racers " + i;
                answers.add(pool.submit(() -> given().auth().oauth2(ADMIN).contentType(ContentType.JSON)
                        .body(Map.of("name", name, "memberIds", members))
                        .put("/directory/groups/" + group).then().extract().statusCode()));
            }
            for (java.util.concurrent.Future<Integer> answer : answers) {
                assertEquals(200, answer.get(60, java.util.concurrent.TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
        // every replacement changed the name, so each one was a version of its own, applied one after another
        given().auth().oauth2(ADMIN).get("/directory/groups/" + group).then().statusCode(200)
                .body("version", equalTo(1 + writers));
    }

    @Test
    void anEmptyEmailMeansNoEmailSoThePublishedUserHasNone() {
        String user = Fixtures.unique("noemail");
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(Map.of("name", "No Mail", "email", ""))
                .put("/directory/users/" + user).then().statusCode(201)
                .body("email", org.hamcrest.Matchers.nullValue());
    }
}
