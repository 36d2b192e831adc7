package dev.verity.notification;

import static dev.verity.notification.CardEventFeed.card;
import static dev.verity.notification.Recipients.awaitCount;
import static dev.verity.notification.Recipients.fresh;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.verity.notification.metrics.NotificationMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Notifications reaching the inbox are counted per type, channel and outcome. */
@QuarkusTest
class NotificationMetricsTest {

    @Inject
    MeterRegistry registry;

    @Test
    void aNotificationStoredInTheInboxCountsAsDeliveredOnTheInboxChannel() {
        double before = delivered();
        String vera = fresh("vera");
        CardEventFeed.created(card(UUID.randomUUID(), 1, "Counted on delivery", vera));
        awaitCount(vera, 1);

        // counted when the consumer's transaction commits, just after the row becomes visible
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertTrue(delivered() >= before + 1,
                "delivered to the inbox, counter at " + delivered() + " from " + before));
        given().get("/q/metrics").then().statusCode(200).body(containsString(
                "verity_notifications_total{channel=\"inbox\",outcome=\"delivered\",service=\"notification-service\","
                        + "type=\"VERIFICATION_ASSIGNED\"}"));
    }

    private double delivered() {
        Counter counter = registry.find("verity.notifications").tags("type", "VERIFICATION_ASSIGNED",
                "channel", NotificationMetrics.INBOX, "outcome", NotificationMetrics.DELIVERED).counter();
        return counter == null ? 0 : counter.count();
    }
}
