package dev.verity.notification.email;

import dev.verity.notification.metrics.NotificationMetrics;
import dev.verity.platform.retry.Backoff;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Sends the emails {@link EmailOutbox} wrote down. Each pass claims due rows with {@code FOR UPDATE SKIP LOCKED}
 * (instances never send the same row at once), sends each over SMTP and records the outcome in the same
 * transaction. Failures are retried with back-off and parked after {@code max-attempts}. A crash between the SMTP
 * server's acceptance and the commit sends that email again on the next pass, under the same Message-ID: at least
 * once, never lost (exactly once is not on offer over SMTP).
 */
@ApplicationScoped
public class EmailSender {

    private static final Logger LOG = Logger.getLogger(EmailSender.class);

    private final EntityManager em;
    private final Mailer mailer;
    private final EmailConfig config;
    private final Clock clock;
    private final Backoff backoff;
    private final NotificationMetrics metrics;

    EmailSender(EntityManager em, Mailer mailer, EmailConfig config, Clock clock, NotificationMetrics metrics) {
        this.metrics = metrics;
        this.em = em;
        this.mailer = mailer;
        this.config = config;
        this.clock = clock;
        this.backoff = new Backoff(config.initialBackoff(), config.maxBackoff());
    }

    @Scheduled(identity = "email-sender", every = "${verity.notification.email.send-every:5s}", delayed = "2s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class) // no pass while the application shuts down
    void run() {
        int sent;
        do {
            sent = sendDue();
        } while (sent == config.batchSize());
    }

    /** One pass: sends up to {@code batch-size} due emails; returns how many it took. */
    public int sendDue() {
        return QuarkusTransaction.requiringNew().call(() -> {
            Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
            @SuppressWarnings("unchecked")
            List<EmailDelivery> due = em.createNativeQuery("""
                    SELECT * FROM email_delivery WHERE status = 'PENDING' AND next_attempt_at <= ?1
                    ORDER BY next_attempt_at LIMIT ?2 FOR UPDATE SKIP LOCKED""", EmailDelivery.class)
                    .setParameter(1, now.atOffset(ZoneOffset.UTC))
                    .setParameter(2, config.batchSize())
                    .getResultList();
            for (EmailDelivery email : due) {
                try {
                    mailer.send(Mail.withText(email.address, email.subject, email.textBody).setHtml(email.htmlBody)
                            .addHeader("Message-ID", email.messageId()));
                    email.sent(now);
                    metrics.count(NotificationMetrics.ANY_TYPE, NotificationMetrics.EMAIL,
                            NotificationMetrics.DELIVERED);
                } catch (RuntimeException e) {
                    email.failed(String.valueOf(e.getMessage()), now, backoff.delay(email.attempts + 1),
                            config.maxAttempts());
                    metrics.count(NotificationMetrics.ANY_TYPE, NotificationMetrics.EMAIL,
                            EmailDelivery.PARKED.equals(email.status) ? NotificationMetrics.FAILED
                                    : NotificationMetrics.RETRIED);
                    LOG.warnf("email %s to %s failed (attempt %d%s): %s", email.id, email.recipientId,
                            email.attempts, EmailDelivery.PARKED.equals(email.status) ? ", parked" : "",
                            e.getMessage());
                }
            }
            return due.size();
        });
    }
}
