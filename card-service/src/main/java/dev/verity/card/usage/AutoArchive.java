package dev.verity.card.usage;

import dev.verity.card.cards.Card;
import dev.verity.card.cards.CardRepository;
import dev.verity.card.cards.CardStatus;
import dev.verity.card.cards.CardWrites;
import dev.verity.card.collections.Collection;
import dev.verity.card.collections.CollectionRepository;
import dev.verity.card.collections.Role;
import dev.verity.card.directory.Directory;
import dev.verity.card.directory.PrincipalType;
import dev.verity.events.ArchiveScheduled;
import dev.verity.events.Topics;
import dev.verity.events.UsageEventTypes;
import dev.verity.platform.outbox.Outbox;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Archives the cards of collections with auto-archive on that nobody viewed or edited for the collection's number of
 * days. {@code verity.usage.auto-archive-warning-days} (7) before, the card's owner, its verifier and the collection's
 * owners are told ({@code usage.archive-scheduled}, which notification-service turns into inbox notifications); a view
 * or an edit in between cancels it. The archive is the ordinary one ({@link CardWrites#archive}: version,
 * {@code card.archived}, reversible with restore, the card leaves search).
 *
 * <p>One pass at a time across all instances: a pass runs in one transaction holding a PostgreSQL advisory lock, and a
 * pass that finds the lock taken does nothing. A pass also records what it did (a warning's time and its archive time),
 * so a second pass after the first finds nothing left to do.
 */
@ApplicationScoped
public class AutoArchive {

    /** Who archives (the events' and the history's actor). */
    public static final String ACTOR = "auto-archive";

    private static final Logger LOG = Logger.getLogger(AutoArchive.class);

    /** What one pass did; {@code ran} false when another pass held the lock. */
    public record Pass(boolean ran, int cancelled, int archived, int warned) {
    }

    private final UsageRepository usage;
    private final UsageBuffer buffer;
    private final CardRepository cards;
    private final CardWrites writes;
    private final CollectionRepository collections;
    private final Directory directory;
    private final Outbox outbox;
    private final UsageConfig config;
    private final Clock clock;

    AutoArchive(UsageRepository usage, UsageBuffer buffer, CardRepository cards, CardWrites writes,
            CollectionRepository collections, Directory directory, Outbox outbox, UsageConfig config, Clock clock) {
        this.usage = usage;
        this.buffer = buffer;
        this.cards = cards;
        this.writes = writes;
        this.collections = collections;
        this.directory = directory;
        this.outbox = outbox;
        this.config = config;
        this.clock = clock;
    }

    @Scheduled(identity = "auto-archive", every = "${verity.usage.auto-archive-every:1h}", delayed = "1m",
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void scheduled() {
        Pass pass = run();
        if (pass.archived() + pass.warned() + pass.cancelled() > 0) {
            LOG.infof("auto-archive: %d archived, %d warned, %d warnings cancelled", pass.archived(), pass.warned(),
                    pass.cancelled());
        }
    }

    /** One pass: cancel the warnings a view or an edit overtook, archive what is due, warn what will be. */
    public Pass run() {
        buffer.flush(); // this instance's latest views count before anything is archived
        return QuarkusTransaction.requiringNew().call(() -> {
            if (!usage.tryAutoArchiveLock()) {
                return new Pass(false, 0, 0, 0);
            }
            Instant now = clock.instant();
            int cancelled = usage.cancelWarnings();
            int archived = 0;
            for (UUID id : usage.dueForArchive(now, config.autoArchiveBatch())) {
                Card card = cards.findById(id);
                if (card == null) {
                    continue;
                }
                cards.lock(card);
                usage.clearWarning(id);
                if (card.status != CardStatus.ARCHIVED) {
                    writes.archive(card, ACTOR);
                    archived++;
                }
            }
            int warned = 0;
            Duration notice = Duration.ofDays(config.autoArchiveWarningDays());
            for (UsageRepository.Idle idle : usage.idle(now, config.autoArchiveWarningDays(), config.autoArchiveBatch())) {
                Card card = cards.findById(idle.cardId());
                Collection collection = collections.findById(card.collectionId);
                Instant due = idle.idleSince().plus(Duration.ofDays(idle.afterDays()));
                Instant archiveAt = due.isAfter(now.plus(notice)) ? due : now.plus(notice);
                outbox.publish(Topics.USAGE, card.id.toString(), UsageEventTypes.ARCHIVE_SCHEDULED, card.id.toString(),
                        new ArchiveScheduled(card.id, card.version, card.title, card.collectionId, idle.afterDays(),
                                idle.idleSince(), archiveAt, recipients(card, collection), now));
                usage.warned(card.id, now, archiveAt);
                warned++;
            }
            return new Pass(true, cancelled, archived, warned);
        });
    }

    /** The card's owner, its verifier (a user or a group) and the collection's owners, each once. */
    private List<ArchiveScheduled.Recipient> recipients(Card card, Collection collection) {
        Set<ArchiveScheduled.Recipient> recipients = new LinkedHashSet<>();
        recipients.add(new ArchiveScheduled.Recipient("USER", card.ownerId));
        PrincipalType verifier = directory.typeOf(card.verifierId).orElse(PrincipalType.USER);
        recipients.add(new ArchiveScheduled.Recipient(verifier.name(), card.verifierId));
        collection.access.stream().filter(g -> g.role == Role.COLLECTION_OWNER)
                .forEach(g -> recipients.add(new ArchiveScheduled.Recipient(g.principalType.name(), g.principalId)));
        return List.copyOf(recipients);
    }
}
