package dev.verity.platform.tracing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.verity.platform.cloudevents.CloudEventHeaders;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class EventTracingTest {

    private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String SPAN = "00f067aa0ba902b7";

    @Test
    void nothingIsStoredForAWriteOutsideAnyTrace() {
        EventTracing.TraceContext trace = EventTracing.current();
        assertNull(trace.traceparent());
        assertNull(trace.tracestate());
    }

    @Test
    void aWriteInsideATraceStoresItsTraceparentAndTracestate() {
        SpanContext span = SpanContext.createFromRemoteParent(TRACE, SPAN, TraceFlags.getSampled(),
                TraceState.builder().put("vendor", "abc").build());
        try (Scope scope = Context.root().with(Span.wrap(span)).makeCurrent()) {
            EventTracing.TraceContext trace = EventTracing.current();
            assertEquals("00-" + TRACE + "-" + SPAN + "-01", trace.traceparent());
            assertEquals("vendor=abc", trace.tracestate());
        }
    }

    @Test
    void theCloudEventsTraceparentHeaderNamesTheConsumersParent() {
        RecordHeaders headers = new RecordHeaders();
        CloudEventHeaders.writeTraceContext(headers, "00-" + TRACE + "-" + SPAN + "-01", "vendor=abc");
        // a plain "traceparent" header (as Kafka instrumentation writes) is not the event's trace context
        headers.add("traceparent", ("00-" + "1".repeat(32) + "-" + "2".repeat(16) + "-01").getBytes());

        SpanContext parent = Span.fromContext(EventTracing.contextOf(headers)).getSpanContext();
        assertEquals(TRACE, parent.getTraceId());
        assertEquals(SPAN, parent.getSpanId());
        assertEquals("abc", parent.getTraceState().get("vendor"));
    }

    @Test
    void anEventWithoutTraceContextHasNoParentAndWritesNoHeaders() {
        RecordHeaders headers = new RecordHeaders();
        CloudEventHeaders.writeTraceContext(headers, null, null);
        assertFalse(headers.iterator().hasNext());
        assertFalse(Span.fromContext(EventTracing.contextOf(headers)).getSpanContext().isValid());
    }

    @Test
    void aMalformedTraceparentIsIgnoredRatherThanFailingTheEvent() {
        RecordHeaders headers = new RecordHeaders();
        CloudEventHeaders.writeTraceContext(headers, "not-a-traceparent", null);
        assertFalse(Span.fromContext(EventTracing.contextOf(headers)).getSpanContext().isValid());
    }
}
