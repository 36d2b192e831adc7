package dev.verity.verification;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.verity.events.CardEvent;
import dev.verity.events.CardEventTypes;
import dev.verity.events.CardSnapshot;
import dev.verity.events.CardStatuses;
import dev.verity.events.Topics;
import dev.verity.events.VerificationEventTypes;
import dev.verity.platform.cloudevents.CloudEventHeaders;
import dev.verity.platform.outbox.Outbox;
import dev.verity.platform.tracing.EventTracing;
import dev.verity.testing.TestKafka;
import dev.verity.verification.cards.VerificationService;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One trace from an HTTP write through the outbox and Kafka to the consumer, with the real OpenTelemetry SDK (only
 * the exporter is in memory). The profile switches tracing on as an operator would, and names the outbox source
 * /tests, so card events this test publishes through the service's own outbox are trusted by its card consumer.
 */
@QuarkusTest
@TestProfile(TracingTest.Traced.class)
class TracingTest {

    public static class Traced implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "quarkus.otel.sdk.disabled", "false",
                    // no collector here: spans go to the in-memory exporter (CapturedSpans) alone
                    "quarkus.otel.exporter.otlp.enabled", "false",
                    "quarkus.otel.bsp.schedule.delay", "100ms",
                    "verity.outbox.source", "/tests");
        }
    }

    private static final Duration WITHIN = Duration.ofSeconds(60);
    private static final Instant CREATED = Instant.now().minus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);

    @Inject
    InMemorySpanExporter spans;

    @Inject
    Outbox outbox;

    @Inject
    EntityManager em;

    Team team;

    @BeforeEach
    void team() {
        TestKafka.ensureTopic(Topics.VERIFICATIONS); // a reader needs the topic before anything is published on it
        team = Team.create(em);
    }

    @Test
    void theTraceOfAnHttpWriteTravelsWithTheEventItPublishes() {
        UUID card = team.newCard("Traced refunds", team.author, team.verifier, 30, CREATED);
        String traceId = randomTraceId();
        String callerSpanId = randomSpanId();
        try (TestKafka.TopicReader verifications = TestKafka.readFromEnd(Topics.VERIFICATIONS)) {
            team.as(team.verifier).header("traceparent", "00-" + traceId + "-" + callerSpanId + "-01")
                    .contentType(ContentType.JSON).body(Map.of("comment", "traced"))
                    .post("/verifications/" + card + "/verify").then().statusCode(200);

            ConsumerRecord<String, String> verified = verifications.await(r -> card.toString().equals(r.key())
                    && VerificationEventTypes.VERIFIED.equals(header(r, CloudEventHeaders.TYPE)), 1, WITHIN).get(0);
            String[] traceparent = header(verified, CloudEventHeaders.TRACEPARENT).split("-");
            assertEquals(traceId, traceparent[1], "the event carries the trace of the request that wrote it");

            // the parent the event names is the service's own server span for the request (a child of the caller's),
            // so the relay, which sent it later on its own thread, put nothing of its own in between
            SpanData server = awaitSpan(s -> s.getKind() == SpanKind.SERVER && s.getTraceId().equals(traceId));
            assertEquals(callerSpanId, server.getParentSpanId());
            assertEquals(server.getSpanId(), traceparent[2]);
        }
    }

    @Test
    void aConsumerAppliesAnEventInsideTheTraceOfTheWriteThatPublishedItAndCarriesItOn() {
        String traceId = randomTraceId();
        String writeSpanId = randomSpanId();
        UUID card = UUID.randomUUID();
        String created = publishInTrace(traceId, writeSpanId, CardEventTypes.CREATED,
                team.card(card, 1, "Traced policy", team.author, team.verifier, 30, CREATED, CardStatuses.PUBLISHED));
        team.awaitApplied(VerificationService.CONSUMER, created);

        SpanData applied = awaitSpan(s -> created.equals(s.getAttributes().get(EventTracing.EVENT_ID)));
        assertEquals(SpanKind.CONSUMER, applied.getKind());
        assertEquals(traceId, applied.getTraceId(), "the consumer continues the writer's trace");
        assertEquals(writeSpanId, applied.getParentSpanId(), "its parent is the span that wrote the event");
        assertEquals(CardEventTypes.CREATED, applied.getAttributes().get(EventTracing.EVENT_TYPE));

        // a newer version names another verifier: applying it publishes verification.policy-changed, in the same trace
        try (TestKafka.TopicReader verifications = TestKafka.readFromEnd(Topics.VERIFICATIONS)) {
            String updated = publishInTrace(traceId, writeSpanId, CardEventTypes.UPDATED,
                    team.card(card, 2, "Traced policy", team.author, team.owner, 30, CREATED,
                            CardStatuses.PUBLISHED));
            ConsumerRecord<String, String> changed = verifications.await(r -> card.toString().equals(r.key())
                    && VerificationEventTypes.POLICY_CHANGED.equals(header(r, CloudEventHeaders.TYPE)), 1, WITHIN)
                    .get(0);
            SpanData consumed = awaitSpan(s -> updated.equals(s.getAttributes().get(EventTracing.EVENT_ID)));
            String[] traceparent = header(changed, CloudEventHeaders.TRACEPARENT).split("-");
            assertEquals(traceId, traceparent[1], "the event the consumer published carries the trace on");
            assertEquals(consumed.getSpanId(), traceparent[2], "under the consumer's span");
            assertNotEquals(writeSpanId, consumed.getSpanId());
        }
    }

    /** Publishes a card event through the service's outbox, as card-service does, inside a known trace. */
    private String publishInTrace(String traceId, String spanId, String type, CardSnapshot card) {
        SpanContext writer = SpanContext.createFromRemoteParent(traceId, spanId, TraceFlags.getSampled(),
                TraceState.getDefault());
        try (Scope scope = Context.root().with(Span.wrap(writer)).makeCurrent()) {
            return QuarkusTransaction.requiringNew().call(() -> outbox.publish(Topics.CARDS, card.id().toString(),
                    type, card.id().toString(), new CardEvent(card.id(), card.version(), card.authorId(),
                            card.updatedAt(), card))).toString();
        }
    }

    private SpanData awaitSpan(java.util.function.Predicate<SpanData> match) {
        return await().atMost(WITHIN).until(() -> spans.getFinishedSpanItems().stream().filter(match).findFirst(),
                java.util.Optional::isPresent).get();
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        String value = CloudEventHeaders.header(record.headers(), name);
        assertNotNull(value, "header " + name + " on " + record);
        return value;
    }

    private static String randomTraceId() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    private static String randomSpanId() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    }
}
