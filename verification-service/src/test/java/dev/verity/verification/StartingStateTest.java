package dev.verity.verification;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.verity.events.Topics;
import dev.verity.events.VerificationEventTypes;
import dev.verity.platform.cloudevents.IncomingCloudEvent;
import dev.verity.testing.TestKafka;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** A new card's verification state is announced once, so every read model starts from it instead of "unknown". */
@QuarkusTest
class StartingStateTest {

    private static final Instant CREATED = Instant.now().minus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);

    @Inject
    EntityManager em;

    @Inject
    ObjectMapper mapper;

    @Test
    void aNewCardAnnouncesTheStateItStartsInVerifiedAtCreationByItsVerifierOrNew() throws Exception {
        Team team = Team.create(em);
        try (TestKafka.TopicReader verifications = TestKafka.readFromEnd(Topics.VERIFICATIONS)) {
            UUID vouched = team.newCard("Written by its verifier", team.verifier, team.verifier, 30, CREATED);
            UUID byGroupMember = team.newCard("Written in the group", team.member, team.group, 30, CREATED);
            UUID fresh = team.newCard("Written by someone else", team.author, team.verifier, 30, CREATED);

            List<String> ours = List.of(vouched.toString(), byGroupMember.toString(), fresh.toString());
            List<ConsumerRecord<String, String>> started = verifications.await(r -> ours.contains(r.key())
                    && VerificationEventTypes.STARTED.equals(IncomingCloudEvent.from(r).type()), 3, Team.PATIENCE);
            Map<String, JsonNode> data = started.stream().collect(Collectors.toMap(ConsumerRecord::key, r -> {
                try {
                    return mapper.readTree(r.value());
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }));
            assertEquals(3, data.size(), "one started event per card");
            for (UUID id : List.of(vouched, byGroupMember)) {
                JsonNode event = data.get(id.toString());
                assertEquals("VERIFIED", event.path("status").asText());
                assertTrue(event.path("reason").isNull() || event.path("reason").isMissingNode());
                assertEquals(CREATED, Instant.parse(event.path("verifiedAt").asText()));
                assertEquals(CREATED.plus(30, ChronoUnit.DAYS), Instant.parse(event.path("dueAt").asText()));
            }
            JsonNode unverified = data.get(fresh.toString());
            assertEquals("UNVERIFIED", unverified.path("status").asText());
            assertEquals("NEW", unverified.path("reason").asText());
            assertTrue(unverified.path("verifiedAt").isNull() || unverified.path("verifiedAt").isMissingNode());

            team.as(team.verifier).get("/verifications/" + vouched).then().body("status", equalTo("VERIFIED"))
                    .body("lastVerifiedAt", equalTo(CREATED.toString()))
                    .body("lastVerifiedBy", equalTo(team.verifier));
        }
    }
}
