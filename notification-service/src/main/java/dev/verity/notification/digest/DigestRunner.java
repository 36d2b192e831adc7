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
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
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

    private final DigestRepository digests;
    private final EmailOutbox outbox;
    private final CardLinks links;
    private final Clock clock;

    DigestRunner(DigestRepository digests, EmailOutbox outbox, CardLinks links, Clock clock) {
        this.links = links;
        this.digests = digests;
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
        DigestSchedule schedule = digests.lockDue(userId, now);
        if (schedule == null) {
            return; // another instance has it, or sent it already
        }
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

    private List<EmailOutbox.WaitingCard> waitingFor(String userId) {
        return digests.waitingFor(userId).stream().map(card -> new EmailOutbox.WaitingCard(card.cardId(),
                card.title(), card.reason(), card.dueAt(), links.of(card.cardId()))).toList();
    }
}
