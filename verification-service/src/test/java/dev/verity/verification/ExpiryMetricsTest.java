package dev.verity.verification;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.verity.events.Topics;
import dev.verity.testing.TestKafka;
import dev.verity.verification.expiry.ExpiryRunner;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Each expiry pass reports what it expired and how long it took (the scheduler is off in tests: the test runs it). */
@QuarkusTest
class ExpiryMetricsTest {

    @Inject
    EntityManager em;

    @Inject
    ExpiryRunner runner;

    @Inject
    MeterRegistry registry;

    Team team;

    @BeforeEach
    void team() {
        team = Team.create(em);
        TestKafka.ensureTopic(Topics.VERIFICATIONS);
    }

    @Test
    void aPassCountsTheCardsItExpiredAndRecordsItsSizeAndDuration() {
        Instant created = Instant.now().minus(8, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        team.newCard("Lapsed a", team.verifier, team.verifier, 7, created);
        team.newCard("Lapsed b", team.verifier, team.verifier, 7, created);
        Counter expired = registry.get("verity.verification.expired").counter();
        DistributionSummary perRun = registry.get("verity.verification.expiry.run.expired").summary();
        Timer runs = registry.get("verity.verification.expiry.run").timer();
        double expiredBefore = expired.count();
        long runsBefore = runs.count();
        double perRunTotalBefore = perRun.totalAmount();

        int passExpired = runner.runOnce().expired();

        assertTrue(passExpired >= 2, "both lapsed cards expire in this pass, expired " + passExpired);
        assertEquals(expiredBefore + passExpired, expired.count());
        assertEquals(perRunTotalBefore + passExpired, perRun.totalAmount());
        assertEquals(runsBefore + 1, runs.count());
        assertTrue(runs.totalTime(java.util.concurrent.TimeUnit.NANOSECONDS) > 0);
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("verity_verification_expired_total{"))
                .body(containsString("verity_verification_expiry_run_expired_count{"))
                .body(containsString("verity_verification_expiry_run_seconds_count{"));
    }
}
