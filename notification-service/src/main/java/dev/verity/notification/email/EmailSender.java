package dev.verity.notification.email;

import dev.verity.notification.delivery.DeliveryQueue;
import dev.verity.notification.delivery.DeliveryWakeups;
import dev.verity.notification.delivery.DeliveryQueue.Outcome;
import dev.verity.notification.delivery.DeliveryQueue.Recorded;
import dev.verity.notification.delivery.DeliveryQueue.Result;
import dev.verity.notification.metrics.NotificationMetrics;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import org.jboss.logging.Logger;

/**
 * Sends the emails {@link EmailOutbox} wrote down, through the channels' one {@link DeliveryQueue}: claimed with
 * {@code FOR UPDATE SKIP LOCKED} and leased (instances never send the same row at once), sent over SMTP with no
 * transaction open, retried with back-off and parked after {@code max-attempts}. A crash between the SMTP server's
 * acceptance and the commit sends that email again once its lease runs out, under the same Message-ID: at least
 * once, never lost (exactly once is not on offer over SMTP).
 */
@ApplicationScoped
public class EmailSender implements DeliveryQueue.Channel<EmailDelivery> {

    private static final Logger LOG = Logger.getLogger(EmailSender.class);
    /** The longest one SMTP send is given before another instance may take the email over. */
    private static final Duration LEASE = Duration.ofMinutes(2);

    private final Mailer mailer;
    private final NotificationMetrics metrics;
    private final DeliveryQueue<EmailDelivery> queue;

    EmailSender(EmailDeliveryRepository deliveries, Mailer mailer, EmailConfig config, Clock clock,
            NotificationMetrics metrics, DeliveryWakeups wakeups) {
        this.mailer = mailer;
        this.metrics = metrics;
        this.queue = DeliveryQueue.sequential(deliveries, this, clock, DeliveryQueue.doubling(config),
                config.batchSize(), LEASE);
        wakeups.register(deliveries.table(), queue);
    }

    @Scheduled(identity = "email-sender", every = "${verity.notification.email.send-every:5s}", delayed = "2s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class) // no pass while the application shuts down
    void run() {
        queue.drain();
    }

    /** One pass: sends up to {@code batch-size} due emails; returns how many it took. */
    public int sendDue() {
        return queue.sendDue();
    }

    @Override
    public Outcome send(EmailDelivery email) {
        try {
            mailer.send(Mail.withText(email.address, email.subject, email.textBody).setHtml(email.htmlBody)
                    .addHeader("Message-ID", email.messageId()));
            return Outcome.delivered(null);
        } catch (RuntimeException e) {
            return Outcome.failed(null, String.valueOf(e.getMessage()));
        }
    }

    @Override
    public void recorded(EmailDelivery email, Outcome outcome, Recorded recorded) {
        Result result = recorded.result();
        int attempts = recorded.attempts();
        metrics.count(NotificationMetrics.ANY_TYPE, NotificationMetrics.EMAIL, switch (result) {
            case SENT -> NotificationMetrics.DELIVERED;
            case RETRIED -> NotificationMetrics.RETRIED;
            case PARKED -> NotificationMetrics.FAILED;
        });
        if (result != Result.SENT) {
            LOG.warnf("email %s to %s failed (attempt %d%s): %s", email.id, email.recipientId, attempts,
                    result == Result.PARKED ? ", parked" : "", outcome.error());
        }
    }
}
