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
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.UUID;

/**
 * Records an event in the caller's transaction. The event leaves the service only if that transaction commits,
 * and then certainly: the relay retries until Kafka has it.
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
    @Transactional(Transactional.TxType.MANDATORY)
    public UUID publish(String topic, String key, String type, String subject, Object data) {
        OutboxEvent event = new OutboxEvent();
        event.id = UUID.randomUUID();
        event.topic = topic;
        event.recordKey = key;
        event.type = type;
        event.source = config.source().orElseThrow(() -> new IllegalStateException(
                "this service does not publish events: set verity.outbox.source to its CloudEvents source"));
        event.subject = subject;
        event.occurredAt = clock.instant();
        event.payload = toJson(data);
        // the relay sends the event later, on its own thread: the write's trace goes with the row
        EventTracing.TraceContext trace = EventTracing.current();
        event.traceparent = trace.traceparent();
        event.tracestate = trace.tracestate();
        int bytes = event.payload.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > config.maxEventBytes()) {
            throw new ProblemException(413, "event-too-large", "Content too large",
                    "this change would publish a " + type + " event of " + bytes + " bytes; events are limited to "
                            + config.maxEventBytes() + " bytes so every subscriber can receive them. Shorten the content.")
                    .with("limit", "event-bytes").with("max", config.maxEventBytes()).with("actual", bytes);
        }
        em.persist(event);
        transactions.registerInterposedSynchronization(new WakeRelayOnCommit(relay));
        return event.id;
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
