package dev.verity.search.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Indexing lag: how long after a card changed in card-service its change reached the index,
 * {@code verity_indexing_lag_seconds} on {@code /q/metrics}. It adds up everything between the author and the
 * searcher (outbox relay, Kafka, consumer lag, Elasticsearch), so it is the figure to alert on for "search shows
 * stale cards"; consumer lag and outbox age tell which part is behind. A Prometheus histogram, so any percentile can
 * be computed over all indexing instances.
 *
 * <p>Created at start ({@code @Startup}), so the series are on {@code /q/metrics}, at zero, before the first event or
 * pass.
 */
@Startup
@ApplicationScoped
public class IndexingMetrics {

    private final Clock clock;
    private final Timer lag;
    private final Counter bulkRequests;
    private final DistributionSummary bulkDocuments;

    IndexingMetrics(Clock clock, MeterRegistry registry) {
        this.clock = clock;
        this.lag = Timer.builder("verity.indexing.lag")
                .description("From a card change (the event's occurredAt) to the index holding it")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(10))
                .maximumExpectedValue(Duration.ofHours(1))
                .register(registry);
        this.bulkRequests = Counter.builder("verity.search.bulk.requests")
                .description("_bulk requests the card consumer sent to Elasticsearch (into the alias, and into a "
                        + "rebuild's new index while one runs)")
                .register(registry);
        this.bulkDocuments = DistributionSummary.builder("verity.search.bulk.documents")
                .description("Documents per _bulk request of the card consumer: the batch size it reaches after "
                        + "keeping each card's newest event")
                .register(registry);
    }

    /**
     * Records one {@code _bulk} request of the card consumer with {@code documents} documents. With the requests and
     * the events consumed, an operator sees how much batching saves: under a bulk import many events share a request,
     * in quiet times each event is a request of its own (it waits for no batch to fill).
     */
    public void bulkRequest(int documents) {
        bulkRequests.increment();
        bulkDocuments.record(documents);
    }

    /**
     * Records one change applied to the index, made at {@code occurredAt} by the publisher's clock. Clocks of two
     * machines may disagree by a little: a change that seems to come from the future counts as no lag.
     */
    public void indexed(Instant occurredAt) {
        if (occurredAt == null) {
            return;
        }
        Duration behind = Duration.between(occurredAt, clock.instant());
        lag.record(behind.isNegative() ? Duration.ZERO : behind);
    }
}
