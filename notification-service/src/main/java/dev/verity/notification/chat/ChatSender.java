package dev.verity.notification.chat;

import dev.verity.notification.delivery.DeliveryQueue;
import dev.verity.notification.delivery.DeliveryQueue.Outcome;
import dev.verity.notification.delivery.DeliveryWakeups;
import dev.verity.notification.delivery.DeliveryQueue.Recorded;
import dev.verity.notification.delivery.DeliveryQueue.Result;
import dev.verity.notification.metrics.NotificationMetrics;
import dev.verity.notification.outbound.GuardedPost;
import dev.verity.notification.outbound.TargetGuard;
import io.quarkus.scheduler.Scheduled;
import io.vertx.core.Vertx;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.Map;
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
public class ChatSender implements DeliveryQueue.Channel<ChatPost> {

    private static final Logger LOG = Logger.getLogger(ChatSender.class);
    static final String USER_AGENT = "Verity-Chat/1.0";

    private final ChatConfig config;
    private final TargetGuard guard;
    private final NotificationMetrics metrics;
    private final GuardedPost http;
    private final DeliveryQueue<ChatPost> queue;

    ChatSender(ChatDeliveryRepository deliveries, ChatConfig config, ChatTargets targets, Clock clock, NotificationMetrics metrics,
            Vertx vertx, DeliveryWakeups wakeups) {
        this.config = config;
        this.guard = targets.guard();
        this.metrics = metrics;
        // messages are posted one at a time by the sender, so one connection per chat server is enough
        this.http = new GuardedPost(vertx, config.connectTimeout(), config.requestTimeout(), 1);
        this.queue = DeliveryQueue.sequential(deliveries, this, clock, DeliveryQueue.doubling(config),
                config.batchSize(), config.connectTimeout().plus(config.requestTimeout()).plusSeconds(30));
        wakeups.register(deliveries.table(), queue);
    }

    @Scheduled(identity = "chat-sender", every = "${verity.notification.chat.send-every:2s}", delayed = "2s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class) // no pass while the application shuts down
    void run() {
        queue.drain();
    }

    /** One pass: claims up to {@code batch-size} due messages and posts each; returns how many it claimed. */
    public int sendDue() {
        return queue.sendDue();
    }

    @Override
    public Outcome send(ChatPost message) {
        return message.url() == null ? Outcome.failed(null, "no chat webhook set any more") : post(message);
    }

    @Override
    public void recorded(ChatPost message, Outcome outcome, Recorded recorded) {
        Result result = recorded.result();
        int attempts = recorded.attempts();
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
    Outcome post(ChatPost message) {
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
