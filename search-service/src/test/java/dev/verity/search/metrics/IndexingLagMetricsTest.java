package dev.verity.search.metrics;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.verity.events.CardEventTypes;
import dev.verity.events.CardSnapshot;
import dev.verity.testing.TestCardEvents;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The indexing lag is measured from the change (the event's occurredAt) to the index holding it. */
@QuarkusTest
class IndexingLagMetricsTest {

    @Inject
    MeterRegistry registry;

    @Test
    void aChangeIndexedFiveMinutesAfterItWasMadeRecordsAtLeastFiveMinutesOfLag() throws Exception {
        Timer lag = registry.get("verity.indexing.lag").timer();
        long countBefore = lag.count();
        double secondsBefore = lag.totalTime(TimeUnit.SECONDS);

        // as if card-service wrote the card five minutes ago and the event only now reached search
        Instant madeAt = Instant.now().minus(Duration.ofMinutes(5));
        UUID cardId = UUID.randomUUID();
        CardSnapshot card = new CardSnapshot(cardId, 1, "Late arrival", "indexed five minutes after the change",
                List.of("metrics"), "PUBLISHED", "alice", "alice", 90, madeAt, madeAt, UUID.randomUUID(), List.of(),
                "late-arrival-" + cardId, "olivia", null, null);
        TestCardEvents.publish(CardEventTypes.CREATED, card, "alice");

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertTrue(lag.count() > countBefore,
                "the lag is recorded once the card is indexed"));
        double added = lag.totalTime(TimeUnit.SECONDS) - secondsBefore;
        assertTrue(added >= 300, "at least five minutes of lag recorded, got " + added + " s");
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("verity_indexing_lag_seconds_bucket{"))
                .body(containsString("verity_indexing_lag_seconds_count{"));
    }
}
