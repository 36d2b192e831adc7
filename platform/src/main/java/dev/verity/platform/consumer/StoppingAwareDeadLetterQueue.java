package dev.verity.platform.consumer;

import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.IncomingKafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaConnectorIncomingConfiguration;
import io.smallrye.reactive.messaging.kafka.KafkaConsumer;
import io.smallrye.reactive.messaging.kafka.fault.KafkaFailureHandler;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import java.util.function.BiConsumer;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.jboss.logging.Logger;

/**
 * Every incoming channel's failure strategy ({@code failure-strategy=verity-dead-letter-queue}, platform config): the
 * connector's own {@code dead-letter-queue}, except for a record nacked because the service is stopping
 * ({@link ServiceStoppingException}). That one is neither parked nor acknowledged: the nack never completes, so no
 * offset is committed at or past it and the record is redelivered after the restart. Without this, an event whose
 * effect failed only because Hibernate had closed under it was dead-lettered although nothing was wrong with it.
 */
@ApplicationScoped
@Identifier(StoppingAwareDeadLetterQueue.STRATEGY)
public class StoppingAwareDeadLetterQueue implements KafkaFailureHandler.Factory {

    /** The strategy's name in {@code mp.messaging.connector.smallrye-kafka.failure-strategy}. */
    public static final String STRATEGY = "verity-dead-letter-queue";

    private static final Logger LOG = Logger.getLogger(StoppingAwareDeadLetterQueue.class);

    private final Instance<KafkaFailureHandler.Factory> factories;

    StoppingAwareDeadLetterQueue(@Any Instance<KafkaFailureHandler.Factory> factories) {
        this.factories = factories;
    }

    @Override
    public KafkaFailureHandler create(KafkaConnectorIncomingConfiguration config, Vertx vertx,
            KafkaConsumer<?, ?> consumer, BiConsumer<Throwable, Boolean> reportFailure) {
        KafkaFailureHandler deadLetters = factories
                .select(Identifier.Literal.of(KafkaFailureHandler.Strategy.DEAD_LETTER_QUEUE)).get()
                .create(config, vertx, consumer, reportFailure);
        return handler(config.getChannel(), deadLetters);
    }

    /** The handler of one channel around the connector's dead-letter handler {@code deadLetters}. */
    static KafkaFailureHandler handler(String channel, KafkaFailureHandler deadLetters) {
        return new KafkaFailureHandler() {
            @Override
            public <K, V> Uni<Void> handle(IncomingKafkaRecord<K, V> record, Throwable reason, Metadata metadata) {
                if (ServiceStoppingException.among(reason)) {
                    LOG.infof("%s: record %s-%d@%d left unacknowledged while the service stops; it is redelivered "
                            + "after the restart", channel, record.getTopic(), record.getPartition(),
                            record.getOffset());
                    return Uni.createFrom().nothing();
                }
                return deadLetters.handle(record, reason, metadata);
            }

            @Override
            public void terminate() {
                deadLetters.terminate();
            }
        };
    }
}
