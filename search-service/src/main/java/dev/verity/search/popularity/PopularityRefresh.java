package dev.verity.search.popularity;

import dev.verity.search.index.SearchMode;
import dev.verity.search.index.CardVerificationRepository;
import dev.verity.search.index.IndexWrites;
import dev.verity.search.index.SearchConfig;
import dev.verity.search.rebuild.RebuildRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.ScheduledExecution;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Writes changed popularities into the card documents, every {@code verity.search.popularity.refresh-every}, on
 * the instances that index (a query-only instance leaves it to them). Each card in its own short transaction,
 * under the card's row lock (the one the card and verification consumers take), so a card event indexed meanwhile
 * either carries the new popularity or is written before it; two instances refreshing at once do the same work
 * twice, harmlessly.
 */
@ApplicationScoped
public class PopularityRefresh {

    private static final Logger LOG = Logger.getLogger(PopularityRefresh.class);

    private final PopularityRepository popularities;
    private final CardVerificationRepository verifications;
    private final IndexWrites index;
    private final RebuildRepository rebuilds;
    private final PopularityConfig config;
    private final Clock clock;

    PopularityRefresh(PopularityRepository popularities, CardVerificationRepository verifications, IndexWrites index,
            RebuildRepository rebuilds, PopularityConfig config, Clock clock) {
        this.popularities = popularities;
        this.verifications = verifications;
        this.index = index;
        this.rebuilds = rebuilds;
        this.config = config;
        this.clock = clock;
    }

    @Scheduled(identity = "search-popularity-refresh", every = "${verity.search.popularity.refresh-every:5m}",
            delayed = "1m", skipExecutionIf = QueryOnly.class)
    void scheduled() {
        int changed = refresh();
        if (changed > 0) {
            LOG.infof("popularity of %d cards written into the index", changed);
        }
    }

    /** One pass; returns how many cards changed. */
    public int refresh() {
        List<PopularityRepository.Change> changes = popularities.changedSince(clock.instant().minus(config.window()),
                config.linkWeight(), config.batch());
        for (PopularityRepository.Change change : changes) {
            QuarkusTransaction.requiringNew().run(() -> {
                verifications.lock(change.cardId());
                popularities.save(change.cardId(), change.popularity(), clock.instant());
                index.applyPopularity(change.cardId(), change.popularity(), rebuilds.writeTargets());
            });
        }
        return changes.size();
    }

    /** Skips the refresh on a query-only instance, and while the application starts or stops. */
    @Singleton
    static class QueryOnly implements Scheduled.SkipPredicate {

        private final SearchConfig config;
        private final Scheduled.ApplicationNotRunning notRunning;

        QueryOnly(SearchConfig config, Scheduled.ApplicationNotRunning notRunning) {
            this.config = config;
            this.notRunning = notRunning;
        }

        @Override
        public boolean test(ScheduledExecution execution) {
            return config.mode() == SearchMode.QUERY || notRunning.test(execution);
        }
    }
}
