package dev.verity.verification.verifications;

import dev.verity.platform.http.PageCursor;
import dev.verity.verification.VerificationConfig;
import dev.verity.verification.access.CollectionRoles;
import dev.verity.verification.verifications.VerificationRecordRepository.Filter;
import dev.verity.verification.verifications.VerificationRecordRepository.QueuePosition;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.List;
import java.util.UUID;

/** Reads: a card's verification, lists, the verifier's queue and the history; only cards the caller may read. */
@ApplicationScoped
@Transactional
public class VerificationQueries {

    /** A card's verification with its open flags. */
    public record Detail(VerificationRecord record, List<VerificationFlag> openFlags) {
    }

    private final Clock clock;
    private final CollectionRoles access;
    private final VerificationRecordRepository records;
    private final HistoryRepository history;
    private final VerificationConfig config;

    VerificationQueries(Clock clock, CollectionRoles access, VerificationRecordRepository records, HistoryRepository history,
            VerificationConfig config) {
        this.clock = clock;
        this.access = access;
        this.records = records;
        this.history = history;
        this.config = config;
    }

    public Detail get(UUID cardId) {
        VerificationRecord record = readable(cardId);
        return new Detail(record, history.openFlags(cardId));
    }

    public List<VerificationRecord> list(Filter filter) {
        return records.list(filter, access.readScope());
    }

    /** The caller's queue: cards they or their groups verify that are UNVERIFIED or due within the due-soon lead. */
    public List<VerificationRecord> queue(QueuePosition after, int limit) {
        return records.queue(access.verifierIdsOfCaller(), clock.instant().plus(config.expiry().dueSoonLead()), after,
                limit, access.readScope());
    }

    public List<HistoryEntry> history(UUID cardId, PageCursor before, int limit) {
        readable(cardId);
        return history.page(cardId, before, limit);
    }

    private VerificationRecord readable(UUID cardId) {
        VerificationRecord record = records.findByIdOptional(cardId).orElseThrow(() -> CollectionRoles.notFound(cardId));
        access.requireReader(record.cardId, record.collectionId);
        return record;
    }
}
