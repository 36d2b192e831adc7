package dev.verity.platform.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.verity.platform.problem.ProblemException;
import dev.verity.platform.tracing.EventTracing;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import dev.verity.platform.jdbc.TextArrays;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.hibernate.Session;

/**
 * Records an event in the caller's transaction. The event leaves the service only if that transaction commits,
 * and then certainly: the relay retries until Kafka has it. {@link #publishAll} records many in one statement.
 */
@ApplicationScoped
public class Outbox {

    private final EntityManager em;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final OutboxConfig config;
    private final OutboxRelay relay;
    private final TransactionSynchronizationRegistry transactions;

    Outbox(EntityManager em, ObjectMapper mapper, Clock clock, OutboxConfig config, OutboxRelay relay,
            TransactionSynchronizationRegistry transactions) {
        this.em = em;
        this.mapper = mapper;
        this.clock = clock;
        this.config = config;
        this.relay = relay;
        this.transactions = transactions;
    }

    /**
     * @param topic   Kafka topic
     * @param key     record key: the aggregate id, so one aggregate's events keep their order
     * @param type    CloudEvents type, e.g. {@code card.created}
     * @param subject CloudEvents subject (usually the aggregate id), may be null
     * @param data    serialised as JSON into the record value
     * @return the event id ({@code ce_id})
     */
    /** One event of a {@link #publishAll} call: the arguments of {@link #publish}. */
    public record Event(String topic, String key, String type, String subject, Object data) {
    }

    /**
     * Records {@code events} in the caller's transaction with one multi-row {@code INSERT} (one round trip and one
     * plan however many rows), in list order: the relay publishes them in that order, after any event this
     * transaction recorded before. A bulk write (the expiry pass, an import batch) costs one statement, not one per
     * event; each event is checked against the size limit as {@link #publish} checks it.
     *
     * @return the event ids ({@code ce_id}), in the order of {@code events}
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<UUID> publishAll(List<Event> events) {
        if (events.isEmpty()) {
            return List.of();
        }
        String source = source();
        Instant now = clock.instant();
        EventTracing.TraceContext trace = EventTracing.current();
        int n = events.size();
        String[] ids = new String[n];
        String[] topics = new String[n];
        String[] keys = new String[n];
        String[] types = new String[n];
        String[] subjects = new String[n];
        String[] payloads = new String[n];
        List<UUID> published = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Event event = events.get(i);
            UUID id = UUID.randomUUID();
            published.add(id);
            ids[i] = id.toString();
            topics[i] = event.topic();
            keys[i] = event.key();
            types[i] = event.type();
            subjects[i] = event.subject();
            payloads[i] = checkedSize(event.type(), toJson(event.data()));
        }
        // WITH ORDINALITY ... ORDER BY: seq is drawn in list order, so one card's events keep the order given
        String sql = """
                INSERT INTO outbox_event (id, topic, record_key, type, source, subject, occurred_at, payload,
                                          traceparent, tracestate)
                SELECT CAST(e.id AS uuid), e.topic, e.record_key, e.type, CAST(? AS text), e.subject,
                       CAST(? AS timestamptz), e.payload, CAST(? AS text), CAST(? AS text)
                  FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[]) WITH ORDINALITY
                       AS e(id, topic, record_key, type, subject, payload, ord)
                 ORDER BY e.ord""";
        em.unwrap(Session.class).doWork(connection -> TextArrays.execute(connection, sql,
                Arrays.asList(source, now.atOffset(ZoneOffset.UTC), trace.traceparent(), trace.tracestate()),
                new String[][] {ids, topics, keys, types, subjects, payloads}, statement -> statement.executeUpdate()));
        transactions.registerInterposedSynchronization(new WakeRelayOnCommit(relay));
        return published;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public UUID publish(String topic, String key, String type, String subject, Object data) {
        OutboxEvent event = new OutboxEvent();
        event.id = UUID.randomUUID();
        event.topic = topic;
        event.recordKey = key;
        event.type = type;
        event.source = source();
        event.subject = subject;
        event.occurredAt = clock.instant();
        event.payload = toJson(data);
        // the relay sends the event later, on its own thread: the write's trace goes with the row
        EventTracing.TraceContext trace = EventTracing.current();
        event.traceparent = trace.traceparent();
        event.tracestate = trace.tracestate();
        checkedSize(type, event.payload);
        em.persist(event);
        transactions.registerInterposedSynchronization(new WakeRelayOnCommit(relay));
        return event.id;
    }

    private String source() {
        return config.source().orElseThrow(() -> new IllegalStateException(
                "this service does not publish events: set verity.outbox.source to its CloudEvents source"));
    }

    private String checkedSize(String type, String payload) {
        int bytes = payload.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > config.maxEventBytes()) {
            throw new ProblemException(413, "event-too-large", "Content too large",
                    "this change would publish a " + type + " event of " + bytes + " bytes; events are limited to "
                            + config.maxEventBytes() + " bytes so every subscriber can receive them. Shorten the content.")
                    .with("limit", "event-bytes").with("max", config.maxEventBytes()).with("actual", bytes);
        }
        return payload;
    }

    private String toJson(Object data) {
        try {
            return mapper.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("event data is not serialisable: " + e.getOriginalMessage(), e);
        }
    }

    private record WakeRelayOnCommit(OutboxRelay relay) implements Synchronization {
        @Override
        public void beforeCompletion() {
        }

        @Override
        public void afterCompletion(int status) {
            if (status == Status.STATUS_COMMITTED) {
                relay.wake();
            }
        }
    }
}
