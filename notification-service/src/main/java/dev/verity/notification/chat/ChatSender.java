package dev.verity.notification.chat;

import dev.verity.notification.metrics.NotificationMetrics;
import dev.verity.notification.outbound.GuardedPost;
import dev.verity.notification.outbound.TargetGuard;
import dev.verity.platform.retry.Backoff;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.vertx.core.Vertx;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Posts the chat messages {@link ChatOutbox} wrote down. A pass claims due rows ({@code FOR UPDATE SKIP LOCKED}, so
 * instances share them) and leases them by moving {@code next_attempt_at} past the longest a post can take, then
 * commits: no row lock or database connection is held while a chat server answers, and a sender that dies mid-post
 * leaves a lease that runs out. Each post checks the URL with the shared address guard ({@link TargetGuard}) first (its DNS may
 * have changed since it was set) and connects to the address checked. Failures are retried with back-off and parked
 * after {@code max-attempts}. At least once: a crash between the chat server's 2xx and the commit posts again.
 */
@ApplicationScoped
public class ChatSender {

    private static final Logger LOG = Logger.getLogger(ChatSender.class);
    static final String USER_AGENT = "Verity-Chat/1.0";

    /** One claimed message and the URL it goes to now (null: the user removed their webhook). */
    record Claimed(UUID id, String recipientId, String type, String payload, int attempts, String url) {
    }

    /** What one post came to: a status code, or an error without one. */
    record Outcome(Integer statusCode, String error) {
        boolean delivered() {
            return statusCode != null && statusCode >= 200 && statusCode < 300;
        }
    }

    private final EntityManager em;
    private final ChatConfig config;
    private final TargetGuard guard;
    private final Clock clock;
    private final Backoff backoff;
    private final NotificationMetrics metrics;
    private final GuardedPost http;

    ChatSender(EntityManager em, ChatConfig config, ChatTargets targets, Clock clock, NotificationMetrics metrics,
            Vertx vertx) {
        this.em = em;
        this.config = config;
        this.guard = targets.guard();
        this.clock = clock;
        this.metrics = metrics;
        this.backoff = new Backoff(config.initialBackoff(), config.maxBackoff());
        // messages are posted one at a time by the sender, so one connection per chat server is enough
        this.http = new GuardedPost(vertx, config.connectTimeout(), config.requestTimeout(), 1);
    }

    @Scheduled(identity = "chat-sender", every = "${verity.notification.chat.send-every:2s}", delayed = "2s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class) // no pass while the application shuts down
    void run() {
        int claimed;
        do {
            claimed = sendDue();
        } while (claimed == config.batchSize());
    }

    /** One pass: claims up to {@code batch-size} due messages and posts each; returns how many it claimed. */
    public int sendDue() {
        List<Claimed> due = claim();
        for (Claimed message : due) {
            Outcome outcome = message.url() == null ? new Outcome(null, "no chat webhook set any more")
                    : post(message);
            QuarkusTransaction.requiringNew().run(() -> record(message, outcome));
        }
        return due.size();
    }

    private List<Claimed> claim() {
        return QuarkusTransaction.requiringNew().call(() -> {
            Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
            @SuppressWarnings("unchecked")
            List<Object[]> rows = em.createNativeQuery("""
                    SELECT d.id, d.recipient_id, d.type, d.payload, d.attempts, w.webhook_url FROM chat_delivery d
                    LEFT JOIN chat_webhook w ON w.user_id = d.recipient_id
                    WHERE d.status = 'PENDING' AND d.next_attempt_at <= ?1
                    ORDER BY d.next_attempt_at LIMIT ?2 FOR UPDATE OF d SKIP LOCKED""")
                    .setParameter(1, now.atOffset(ZoneOffset.UTC))
                    .setParameter(2, config.batchSize())
                    .getResultList();
            List<Claimed> claimed = rows.stream().map(row -> new Claimed((UUID) row[0], (String) row[1],
                    (String) row[2], (String) row[3], ((Number) row[4]).intValue(), (String) row[5])).toList();
            if (!claimed.isEmpty()) {
                // the lease: nobody else takes these until a post (connect + request) has surely ended
                Duration lease = config.connectTimeout().plus(config.requestTimeout()).plusSeconds(30)
                        .multipliedBy(claimed.size());
                em.createNativeQuery("UPDATE chat_delivery SET next_attempt_at = ?1 WHERE id IN (?2)")
                        .setParameter(1, now.plus(lease).atOffset(ZoneOffset.UTC))
                        .setParameter(2, claimed.stream().map(Claimed::id).toList())
                        .executeUpdate();
            }
            return claimed;
        });
    }

    private void record(Claimed message, Outcome outcome) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        int attempts = message.attempts() + 1;
        if (outcome.delivered()) {
            em.createNativeQuery("""
                    UPDATE chat_delivery SET status = 'SENT', attempts = ?2, sent_at = ?3, status_code = ?4,
                                             last_error = NULL WHERE id = ?1""")
                    .setParameter(1, message.id()).setParameter(2, attempts)
                    .setParameter(3, now.atOffset(ZoneOffset.UTC)).setParameter(4, outcome.statusCode())
                    .executeUpdate();
            metrics.count(message.type(), NotificationMetrics.CHAT, NotificationMetrics.DELIVERED);
            return;
        }
        boolean parked = attempts >= config.maxAttempts();
        String error = outcome.error() != null ? outcome.error() : "answered " + outcome.statusCode();
        em.createNativeQuery("""
                UPDATE chat_delivery SET status = ?2, attempts = ?3, next_attempt_at = ?4, status_code = ?5,
                                         last_error = ?6 WHERE id = ?1""")
                .setParameter(1, message.id())
                .setParameter(2, parked ? "PARKED" : "PENDING")
                .setParameter(3, attempts)
                .setParameter(4, now.plus(backoff.delay(attempts)).atOffset(ZoneOffset.UTC))
                .setParameter(5, outcome.statusCode())
                .setParameter(6, error)
                .executeUpdate();
        metrics.count(message.type(), NotificationMetrics.CHAT,
                parked ? NotificationMetrics.FAILED : NotificationMetrics.RETRIED);
        LOG.warnf("chat message %s to %s failed (attempt %d%s): %s", message.id(), message.recipientId(), attempts,
                parked ? ", parked" : "", error);
    }

    /** One POST of the message's JSON to the checked address; redirects are not followed. */
    Outcome post(Claimed message) {
        TargetGuard.CheckedTarget target;
        try {
            target = guard.check(message.url());
        } catch (TargetGuard.RefusedTarget e) {
            return new Outcome(null, "webhook URL refused: " + e.getMessage());
        }
        GuardedPost.Answer answer = http.post(target, Map.of("content-type", "application/json; charset=utf-8",
                "user-agent", USER_AGENT), message.payload());
        if (answer.status() != null) {
            return new Outcome(answer.status(), null);
        }
        return new Outcome(null, answer.timedOut() ? "no answer within " + config.requestTimeout().toMillis() + " ms"
                : answer.error());
    }

    @PreDestroy
    void close() {
        http.close();
    }
}
