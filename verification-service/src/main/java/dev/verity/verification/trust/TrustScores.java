package dev.verity.verification.trust;

import dev.verity.platform.problem.ProblemException;
import dev.verity.verification.VerificationConfig;
import dev.verity.verification.access.CollectionRoles;
import dev.verity.verification.access.Role;
import dev.verity.verification.trust.TrustScoreRepository.CollectionCount;
import dev.verity.verification.trust.TrustScoreRepository.DayCount;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/** The share of live cards that are verified: now per collection and overall, and day by day. */
@ApplicationScoped
public class TrustScores {

    /** Now, per collection and overall, and the series for {@code from}–{@code to}. */
    public record Report(long verified, long live, List<CollectionCount> collections, LocalDate from, LocalDate to,
            List<DayCount> daily) {
    }

    /** How many days the series covers when the caller names no range. */
    static final int DEFAULT_DAYS = 30;

    private final Clock clock;
    private final CollectionRoles access;
    private final TrustScoreRepository scores;
    private final VerificationConfig config;

    TrustScores(Clock clock, CollectionRoles access, TrustScoreRepository scores, VerificationConfig config) {
        this.clock = clock;
        this.access = access;
        this.scores = scores;
        this.config = config;
    }

    @Transactional
    public Report report(UUID collectionId, LocalDate from, LocalDate to) {
        if (collectionId != null) {
            access.requireInCollection(collectionId, Role.READ_ONLY, "read its trust score");
        }
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        LocalDate last = to == null ? today : to;
        LocalDate first = from == null ? last.minusDays(DEFAULT_DAYS - 1L) : from;
        if (first.isAfter(last)) {
            throw ProblemException.invalidParameter("from", "must not be after to (" + last + "), got " + first);
        }
        long days = ChronoUnit.DAYS.between(first, last) + 1;
        if (days > config.maxSeriesDays()) {
            throw ProblemException.invalidParameter("from", "the range may cover at most " + config.maxSeriesDays()
                    + " days, got " + days);
        }
        List<CollectionCount> now = scores.now(collectionId, access.readScope());
        long verified = now.stream().mapToLong(CollectionCount::verified).sum();
        long live = now.stream().mapToLong(CollectionCount::live).sum();
        return new Report(verified, live, now, first, last, scores.daily(collectionId, first, last, access.readScope()));
    }
}
