package dev.verity.notification.digest;

import dev.verity.notification.email.EmailOutbox;
import dev.verity.notification.links.CardLinks;
import dev.verity.notification.preferences.Channel;
import dev.verity.notification.preferences.DigestSchedule;
import dev.verity.notification.preferences.Mode;
import dev.verity.notification.preferences.NotificationPreference;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * The daily digest: when a user's hour comes round and they take some type by email as DIGEST, one email lists
 * every card waiting for their verification (unverified cards they verify, themselves or through a group). Each
 * user is handled in a transaction of its own that locks their schedule row, writes the email and moves the
 * schedule a day on, so instances never both send a digest and a crash never skips or doubles one (the email's
 * dedupe key is the user and the day as well).
 */
@ApplicationScoped
public class DigestRunner {

    private static final Logger LOG = Logger.getLogger(DigestRunner.class);

    private final EntityManager em;
    private final EmailOutbox outbox;
    private final CardLinks links;
    private final Clock clock;

    DigestRunner(EntityManager em, EmailOutbox outbox, CardLinks links, Clock clock) {
        this.links = links;
        this.em = em;
        this.outbox = outbox;
        this.clock = clock;
    }

    @Scheduled(identity = "email-digest", every = "${verity.notification.digest.check-every:60s}", delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class) // no pass while the application shuts down
    void run() {
        runOnce();
    }

    /** Sends every digest due now; returns how many users' digests came due. */
    public int runOnce() {
        Instant now = clock.instant();
        List<String> due = QuarkusTransaction.requiringNew().call(() -> DigestSchedule
                .<DigestSchedule>list("nextDueAt <= ?1", now).stream().map(schedule -> schedule.userId).toList());
        for (String userId : due) {
            QuarkusTransaction.requiringNew().run(() -> digestFor(userId, now));
        }
        return due.size();
    }

    private void digestFor(String userId, Instant now) {
        @SuppressWarnings("unchecked")
        List<DigestSchedule> locked = em.createNativeQuery(
                "SELECT * FROM digest_schedule WHERE user_id = ?1 AND next_due_at <= ?2 FOR UPDATE SKIP LOCKED",
                DigestSchedule.class).setParameter(1, userId).setParameter(2, now.atOffset(ZoneOffset.UTC))
                .getResultList();
        if (locked.isEmpty()) {
            return; // another instance has it, or sent it already
        }
        DigestSchedule schedule = locked.get(0);
        LocalDate day = LocalDate.ofInstant(schedule.nextDueAt, ZoneId.of(schedule.timeZone));
        schedule.nextDueAt = schedule.nextAfter(now);
        boolean wantsDigest = NotificationPreference.count("key.userId = ?1 and key.channel = ?2 and mode = ?3",
                userId, Channel.EMAIL, Mode.DIGEST) > 0;
        if (!wantsDigest) {
            return;
        }
        List<EmailOutbox.WaitingCard> cards = waitingFor(userId);
        if (cards.isEmpty()) {
            LOG.debugf("digest of %s for %s: nothing waits; no email", userId, day);
            return;
        }
        outbox.digest(userId, day, cards);
    }

    /**
     * Live cards waiting for the user's verification (themselves, or as a member of the verifier group), soonest due
     * first: those whose newest verification event left them UNVERIFIED, and those never verified at all. A card
     * verification-service has published nothing about yet is NEW and waits, unless its author verifies it (the
     * record then starts VERIFIED); it is known from its card events, has been due since it was created, and comes
     * first.
     */
    private List<EmailOutbox.WaitingCard> waitingFor(String userId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                WITH mine AS (SELECT ?1 AS id UNION SELECT group_id FROM directory_group_member WHERE user_id = ?1)
                SELECT card_id, title, reason, due_at FROM (
                SELECT v.card_id, v.card_title AS title, v.reason, v.due_at FROM card_verification v
                LEFT JOIN card_verifier c ON c.card_id = v.card_id
                WHERE v.status = 'UNVERIFIED' AND NOT coalesce(c.archived, false)
                  AND v.verifier_id IN (SELECT id FROM mine)
                UNION ALL
                SELECT c.card_id, c.title, 'NEW', NULL FROM card_verifier c
                WHERE NOT c.archived AND c.title IS NOT NULL AND c.verifier_id IN (SELECT id FROM mine)
                  AND NOT EXISTS (SELECT 1 FROM card_verification v WHERE v.card_id = c.card_id)
                  AND c.author_id IS DISTINCT FROM c.verifier_id
                  AND NOT EXISTS (SELECT 1 FROM directory_group_member m
                                  WHERE m.group_id = c.verifier_id AND m.user_id = c.author_id)
                ) waiting
                ORDER BY reason = 'NEW' DESC, due_at NULLS LAST, title""").setParameter(1, userId).getResultList();
        return rows.stream().map(row -> {
            UUID cardId = (UUID) row[0];
            Instant dueAt = row[3] == null ? null : row[3] instanceof Timestamp ts ? ts.toInstant()
                    : row[3] instanceof java.time.OffsetDateTime odt ? odt.toInstant() : (Instant) row[3];
            return new EmailOutbox.WaitingCard(cardId, (String) row[1], (String) row[2], dueAt,
                    links.of(cardId));
        }).toList();
    }
}
