package dev.verity.platform.cloudevents;

import dev.verity.events.EventTypes;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * CloudEvents 1.0 Kafka protocol binding, binary content mode: attributes travel as {@code ce_*} headers,
 * the record value is the event data as JSON and the record key is the aggregate id. Reading normalises a legacy
 * event type to its current name ({@link EventTypes#normalise}).
 */
public final class CloudEventHeaders {

    public static final String SPEC_VERSION = "ce_specversion";
    public static final String ID = "ce_id";
    public static final String TYPE = "ce_type";
    public static final String SOURCE = "ce_source";
    public static final String SUBJECT = "ce_subject";
    public static final String TIME = "ce_time";
    /**
     * CloudEvents Distributed Tracing extension: the W3C trace context of the write that produced the event, so
     * consumers continue that trace (platform {@code EventTracing}). Absent when the write was not traced.
     */
    public static final String TRACEPARENT = "ce_traceparent";
    public static final String TRACESTATE = "ce_tracestate";
    /** In binary mode {@code datacontenttype} maps to the plain {@code content-type} header. */
    public static final String CONTENT_TYPE = "content-type";

    public static final String SPEC_VERSION_1_0 = "1.0";
    public static final String JSON = "application/json";

    private CloudEventHeaders() {
    }

    public static void write(Headers headers, String id, String type, String source, String subject, Instant time) {
        put(headers, SPEC_VERSION, SPEC_VERSION_1_0);
        put(headers, ID, id);
        put(headers, TYPE, type);
        put(headers, SOURCE, source);
        if (subject != null) {
            put(headers, SUBJECT, subject);
        }
        put(headers, TIME, time.toString());
        put(headers, CONTENT_TYPE, JSON);
    }

    /** Adds the Distributed Tracing extension attributes; a null traceparent (untraced write) adds nothing. */
    public static void writeTraceContext(Headers headers, String traceparent, String tracestate) {
        if (traceparent == null) {
            return;
        }
        put(headers, TRACEPARENT, traceparent);
        if (tracestate != null && !tracestate.isEmpty()) {
            put(headers, TRACESTATE, tracestate);
        }
    }

    /** The value of a header as text, or null when absent. */
    public static String header(Headers headers, String name) {
        return text(headers, name);
    }

    /** Reads the attributes of a binary-mode record; fails with a message naming the first missing attribute. */
    public static IncomingCloudEvent read(Headers headers, String key, String data) {
        String specVersion = required(headers, SPEC_VERSION);
        if (!SPEC_VERSION_1_0.equals(specVersion)) {
            throw new MalformedEventException("unsupported CloudEvents specversion '" + specVersion + "'");
        }
        String time = text(headers, TIME);
        Instant parsedTime;
        try {
            parsedTime = time == null ? null : Instant.parse(time);
        } catch (DateTimeParseException e) {
            throw new MalformedEventException("ce_time is not an RFC 3339 timestamp: '" + time + "'");
        }
        // a record written before the reverse-DNS types (dev.verity.card.updated) carries the legacy bare name:
        // every consumer sees the current name, so its effects compare with one set of constants
        return new IncomingCloudEvent(required(headers, ID), EventTypes.normalise(required(headers, TYPE)),
                required(headers, SOURCE), text(headers, SUBJECT), parsedTime, key, data);
    }

    private static String required(Headers headers, String name) {
        String value = text(headers, name);
        if (value == null || value.isBlank()) {
            throw new MalformedEventException("missing CloudEvents header " + name);
        }
        return value;
    }

    private static String text(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static void put(Headers headers, String name, String value) {
        headers.remove(name);
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
