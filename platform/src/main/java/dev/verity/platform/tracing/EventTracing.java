package dev.verity.platform.tracing;

import dev.verity.platform.cloudevents.CloudEventHeaders;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Headers;

/**
 * One trace from an HTTP write to every consumer of the events it caused. The outbox stores the write's W3C trace
 * context with the event ({@link #current()}), the relay sends it as the CloudEvents Distributed Tracing extension
 * ({@code ce_traceparent}, {@code ce_tracestate}), and the consumer applies the event inside a span whose parent is
 * that context ({@link #startConsumerSpan}). That span is current while the effect runs, so an event the effect
 * publishes in turn carries the same trace on.
 *
 * <p>Always the W3C format, whatever {@code quarkus.otel.propagators} says: it is what the CloudEvents extension
 * defines, and every publisher and consumer must agree on it. With the SDK off (the default) no span is recorded,
 * but a context that arrives is still passed on, so one traced service among untraced ones still sees whole traces.
 */
@ApplicationScoped
public class EventTracing {

    /** A W3C trace context as the two header values; {@code traceparent} is null when nothing was traced. */
    public record TraceContext(String traceparent, String tracestate) {
    }

    private static final TextMapPropagator W3C = W3CTraceContextPropagator.getInstance();

    /** Attribute names of the OpenTelemetry semantic conventions for messaging and CloudEvents. */
    private static final AttributeKey<String> SYSTEM = AttributeKey.stringKey("messaging.system");
    private static final AttributeKey<String> DESTINATION = AttributeKey.stringKey("messaging.destination.name");
    private static final AttributeKey<String> OPERATION = AttributeKey.stringKey("messaging.operation.type");
    private static final AttributeKey<String> CONSUMER = AttributeKey.stringKey("messaging.consumer.group.name");
    private static final AttributeKey<Long> PARTITION = AttributeKey.longKey("messaging.kafka.partition");
    private static final AttributeKey<Long> OFFSET = AttributeKey.longKey("messaging.kafka.offset");
    private static final AttributeKey<Long> BATCH_COUNT = AttributeKey.longKey("messaging.batch.message_count");
    private static final AttributeKey<String> KEY = AttributeKey.stringKey("messaging.kafka.message.key");
    public static final AttributeKey<String> EVENT_ID = AttributeKey.stringKey("cloudevents.event_id");
    public static final AttributeKey<String> EVENT_TYPE = AttributeKey.stringKey("cloudevents.event_type");
    private static final AttributeKey<String> EVENT_SOURCE = AttributeKey.stringKey("cloudevents.event_source");
    private static final AttributeKey<String> EVENT_SUBJECT = AttributeKey.stringKey("cloudevents.event_subject");

    private final Tracer tracer;

    /** Public so that tests of the consumer policy can build one over a no-op tracer. */
    public EventTracing(Tracer tracer) {
        this.tracer = tracer;
    }

    /** The trace context of the current span, to store with an event written now; empty when nothing is traced. */
    public static TraceContext current() {
        if (!Span.current().getSpanContext().isValid()) {
            return new TraceContext(null, null);
        }
        Map<String, String> carrier = new HashMap<>(2);
        W3C.inject(Context.current(), carrier, Map::put);
        return new TraceContext(carrier.get("traceparent"), carrier.get("tracestate"));
    }

    /** The context an event's {@code ce_traceparent} names (the root context when it names none, or is invalid). */
    public static Context contextOf(Headers headers) {
        return W3C.extract(Context.root(), headers, CE_HEADERS);
    }

    /**
     * Starts the span in which a consumer applies one record: kind CONSUMER, child of the context the event carries
     * (a new trace when it carries none). The caller makes it current, ends it, and records a failure on it.
     */
    public Span startConsumerSpan(ConsumerRecord<String, String> record, String consumer) {
        Headers headers = record.headers();
        var span = tracer.spanBuilder("process " + record.topic())
                .setParent(contextOf(headers))
                .setSpanKind(SpanKind.CONSUMER)
                .setAttribute(SYSTEM, "kafka")
                .setAttribute(DESTINATION, record.topic())
                .setAttribute(OPERATION, "process")
                .setAttribute(CONSUMER, consumer)
                .setAttribute(PARTITION, (long) record.partition())
                .setAttribute(OFFSET, record.offset());
        setIfPresent(span, KEY, record.key());
        setIfPresent(span, EVENT_ID, CloudEventHeaders.header(headers, CloudEventHeaders.ID));
        setIfPresent(span, EVENT_TYPE, CloudEventHeaders.header(headers, CloudEventHeaders.TYPE));
        setIfPresent(span, EVENT_SOURCE, CloudEventHeaders.header(headers, CloudEventHeaders.SOURCE));
        setIfPresent(span, EVENT_SUBJECT, CloudEventHeaders.header(headers, CloudEventHeaders.SUBJECT));
        return span.startSpan();
    }

    /**
     * Starts the span in which a consumer applies a batch of records together: kind CONSUMER, a new trace, with a
     * link to the context each record carries (OpenTelemetry's shape for batch processing: a batch has no single
     * parent). A record the batch path hands back to the one-record path gets its own span in its own trace too
     * ({@link #startConsumerSpan}).
     */
    public Span startBatchSpan(List<ConsumerRecord<String, String>> records, String consumer) {
        String topic = records.isEmpty() ? "" : records.get(0).topic();
        var span = tracer.spanBuilder("process " + topic)
                .setNoParent()
                .setSpanKind(SpanKind.CONSUMER)
                .setAttribute(SYSTEM, "kafka")
                .setAttribute(DESTINATION, topic)
                .setAttribute(OPERATION, "process")
                .setAttribute(CONSUMER, consumer)
                .setAttribute(BATCH_COUNT, (long) records.size());
        for (ConsumerRecord<String, String> record : records) {
            var context = Span.fromContext(contextOf(record.headers())).getSpanContext();
            if (context.isValid()) {
                span.addLink(context);
            }
        }
        return span.startSpan();
    }

    /** Marks the span failed with the exception that ends it (the record goes to the dead-letter topic). */
    public static void failed(Span span, Throwable failure) {
        span.recordException(failure);
        span.setStatus(StatusCode.ERROR, String.valueOf(failure.getMessage()));
    }

    private static void setIfPresent(io.opentelemetry.api.trace.SpanBuilder span, AttributeKey<String> key,
            String value) {
        if (value != null) {
            span.setAttribute(key, value);
        }
    }

    /** Reads {@code traceparent} / {@code tracestate} from the {@code ce_}-prefixed headers of the extension. */
    private static final TextMapGetter<Headers> CE_HEADERS = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Headers headers) {
            return List.of("traceparent", "tracestate");
        }

        @Override
        public String get(Headers headers, String key) {
            return headers == null ? null : CloudEventHeaders.header(headers, "ce_" + key);
        }
    };
}
