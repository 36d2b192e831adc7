package dev.verity.notification.chat;

import dev.verity.notification.delivery.DeliveryQueue;
import dev.verity.notification.delivery.DeliveryQueue.Outcome;
import dev.verity.notification.delivery.DeliveryQueue.Result;
import dev.verity.notification.metrics.NotificationMetrics;
import dev.verity.notification.outbound.GuardedPost;
import dev.verity.notification.outbound.TargetGuard;
import io.quarkus.scheduler.Scheduled;
import io.vertx.core.Vertx;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Posts the chat messages {@link ChatOutbox} wrote down, through the channels' one {@link DeliveryQueue}: claimed with
 * {@code FOR UPDATE SKIP LOCKED} and leased for the longest a post can take, so no row lock or database connection is
 * held while a chat server answers and a sender that dies mid-post leaves a lease that runs out; retried with back-off,
 * parked after {@code max-attempts}. Each post checks the URL with the shared address guard ({@link TargetGuard}) first
 * (its DNS may have changed since it was set) and connects to the address checked. At least once: a crash between the
 * chat server's 2xx and the commit posts again.
 */
@ApplicationScoped
public class ChatSender implements DeliveryQueue.Channel<ChatSender.Claimed> {

    private static final Logger LOG = Logger.getLogger(ChatSender.class);
    static final String USER_AGENT = "Verity-Chat/1.0";

    /** One claimed message and the URL it goes to now (null: the user removed their webhook). */
    record Claimed(UUID id, String recipientId, String type, String payload, int attempts, String url)
            implements DeliveryQueue.Row {
    }

    private final ChatConfig config;
    private final TargetGuard guard;
    private final NotificationMetrics metrics;
    private final GuardedPost http;
    private final EntityManager em;
    private final DeliveryQueue<Claimed> queue;

    ChatSender(EntityManager em, ChatConfig config, ChatTargets targets, Clock clock, NotificationMetrics metrics,
            Vertx vertx) {
        this.em = em;
        this.config = config;
        this.guard = targets.guard();
        this.metrics = metrics;
        // messages are posted one at a time by the sender, so one connection per chat server is enough
        this.http = new GuardedPost(vertx, config.connectTimeout(), config.requestTimeout(), 1);
        this.queue = new DeliveryQueue<>(em, clock, "chat_delivery", config,
                config.connectTimeout().plus(config.requestTimeout()).plusSeconds(30));
    }

    @Scheduled(identity = "chat-sender", every = "${verity.notification.chat.send-every:2s}", delayed = "2s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class) // no pass while the application shuts down
    void run() {
        queue.drain(this);
    }

    /** One pass: claims up to {@code batch-size} due messages and posts each; returns how many it claimed. */
    public int sendDue() {
        return queue.sendDue(this);
    }

    @Override
    public List<Claimed> load(List<UUID> ids) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                SELECT d.id, d.recipient_id, d.type, d.payload, d.attempts, w.webhook_url FROM chat_delivery d
                LEFT JOIN chat_webhook w ON w.user_id = d.recipient_id WHERE d.id IN (?1)""")
                .setParameter(1, ids)
                .getResultList();
        return rows.stream().map(row -> new Claimed((UUID) row[0], (String) row[1], (String) row[2], (String) row[3],
                ((Number) row[4]).intValue(), (String) row[5])).toList();
    }

    @Override
    public Outcome send(Claimed message) {
        return message.url() == null ? Outcome.failed(null, "no chat webhook set any more") : post(message);
    }

    @Override
    public void recorded(Claimed message, Outcome outcome, Result result, int attempts) {
        metrics.count(message.type(), NotificationMetrics.CHAT, switch (result) {
            case SENT -> NotificationMetrics.DELIVERED;
            case RETRIED -> NotificationMetrics.RETRIED;
            case PARKED -> NotificationMetrics.FAILED;
        });
        if (result != Result.SENT) {
            LOG.warnf("chat message %s to %s failed (attempt %d%s): %s", message.id(), message.recipientId(),
                    attempts, result == Result.PARKED ? ", parked" : "", outcome.error());
        }
    }

    /** One POST of the message's JSON to the checked address; redirects are not followed. */
    Outcome post(Claimed message) {
        TargetGuard.CheckedTarget target;
        try {
            target = guard.check(message.url());
        } catch (TargetGuard.RefusedTarget e) {
            return Outcome.failed(null, "webhook URL refused: " + e.getMessage());
        }
        GuardedPost.Answer answer = http.post(target, Map.of("content-type", "application/json; charset=utf-8",
                "user-agent", USER_AGENT), message.payload());
        if (answer.status() != null) {
            return answer.status() >= 200 && answer.status() < 300 ? Outcome.delivered(answer.status())
                    : Outcome.failed(answer.status(), null);
        }
        return Outcome.failed(null,
                answer.timedOut() ? "no answer within " + config.requestTimeout().toMillis() + " ms" : answer.error());
    }

    @PreDestroy
    void close() {
        http.close();
    }
}
