package dev.verity.notification.email;

import dev.verity.notification.directory.DirectoryUser;
import dev.verity.notification.links.CardLinks;
import dev.verity.notification.inbox.Notification;
import dev.verity.platform.jdbc.TextArrays;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateData;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hibernate.Session;
import org.jboss.logging.Logger;

/**
 * Decides emails inside the transaction of whatever causes them (an event, a digest) and only writes them down:
 * {@link EmailSender} sends them afterwards. A consumer transaction that is retried therefore never sends, and
 * one that commits never loses its email. {@code dedupe_key} keeps each (event, recipient), and each digest day,
 * to one email whatever retries.
 */
@ApplicationScoped
public class EmailOutbox {

    private static final Logger LOG = Logger.getLogger(EmailOutbox.class);

    /** A card waiting for the digest's recipient. */
    public record WaitingCard(UUID cardId, String title, String reason, Instant dueAt, String link) {
    }

    private final EntityManager em;
    private final CardLinks links;
    private final Clock clock;
    private final Template notificationHtml;
    private final Template digestHtml;

    EmailOutbox(EntityManager em, CardLinks links, Clock clock,
            @Location("email/notification.html") Template notificationHtml,
            @Location("email/digest.html") Template digestHtml) {
        this.em = em;
        this.links = links;
        this.clock = clock;
        this.notificationHtml = notificationHtml;
        this.digestHtml = digestHtml;
    }

    /**
     * One email for each notification (with its {@code eventId} set), in plain text and HTML with a link to the card,
     * to each recipient the directory has an address for: the addresses in one query, the emails in one insert.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void notifications(List<Notification> notifications) {
        if (notifications.isEmpty()) {
            return;
        }
        Map<String, String> addresses = addresses(notifications.stream().map(n -> n.recipientId).distinct().toList());
        List<Email> emails = new ArrayList<>();
        for (Notification notification : notifications) {
            String dedupeKey = "event:" + notification.eventId + ":" + notification.recipientId;
            String address = addresses.get(notification.recipientId);
            if (address == null) {
                LOG.debugf("%s has no email address in the directory; no email for %s", notification.recipientId,
                        dedupeKey);
                continue;
            }
            String link = links.of(notification.cardId);
            String text = notification.message + "\n\nOpen the card: " + link + "\n";
            String html = notificationHtml.data("title", notification.title).data("message", notification.message)
                    .data("link", link).render();
            emails.add(new Email(dedupeKey, notification.recipientId, address, notification.title, text, html));
        }
        insert(emails);
    }

    /** The daily digest of {@code day}: every card waiting for the recipient's verification. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void digest(String recipientId, LocalDate day, List<WaitingCard> cards) {
        String subject = cards.size() == 1 ? "1 card waits for your verification"
                : cards.size() + " cards wait for your verification";
        StringBuilder text = new StringBuilder("Cards waiting for your verification on ").append(day).append(":\n\n");
        for (WaitingCard card : cards) {
            text.append("- ").append(card.title()).append(" (").append(why(card)).append(")\n  ")
                    .append(card.link()).append('\n');
        }
        String html = digestHtml.data("day", day).data("cards", cards.stream()
                .map(card -> new DigestLine(card.title(), why(card), card.link())).toList()).render();
        write("digest:" + recipientId + ":" + day, recipientId, subject, text.toString(), html);
    }

    /** One line of the digest's HTML. */
    @TemplateData
    public record DigestLine(String title, String why, String link) {
    }

    private static String why(WaitingCard card) {
        String reason = card.reason() == null ? "unverified"
                : "NEW".equals(card.reason()) ? "new, never verified" : card.reason().toLowerCase().replace('_', ' ');
        return card.dueAt() == null ? reason : reason + ", due " + LocalDate.ofInstant(card.dueAt(), ZoneOffset.UTC);
    }

    private record Email(String dedupeKey, String recipientId, String address, String subject, String text,
            String html) {
    }

    private void write(String dedupeKey, String recipientId, String subject, String text, String html) {
        String address = addresses(List.of(recipientId)).get(recipientId);
        if (address == null) {
            LOG.debugf("%s has no email address in the directory; no email for %s", recipientId, dedupeKey);
            return;
        }
        insert(List.of(new Email(dedupeKey, recipientId, address, subject, text, html)));
    }

    /** The directory's address of each of the users that has one. */
    private static Map<String, String> addresses(List<String> userIds) {
        Map<String, String> addresses = new HashMap<>();
        DirectoryUser.<DirectoryUser>list("id in ?1", userIds).stream()
                .filter(user -> user.email != null && !user.email.isBlank())
                .forEach(user -> addresses.put(user.id, user.email));
        return addresses;
    }

    /** One multi-row insert; an email whose dedupe key is taken (a redelivery) is skipped. */
    private void insert(List<Email> emails) {
        if (emails.isEmpty()) {
            return;
        }
        String[][] columns = new String[7][emails.size()];
        for (int i = 0; i < emails.size(); i++) {
            Email email = emails.get(i);
            columns[0][i] = UUID.randomUUID().toString();
            columns[1][i] = email.dedupeKey();
            columns[2][i] = email.recipientId();
            columns[3][i] = email.address();
            columns[4][i] = email.subject();
            columns[5][i] = email.text();
            columns[6][i] = email.html();
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        OffsetDateTime at = now.atOffset(ZoneOffset.UTC);
        em.unwrap(Session.class).doWork(connection -> TextArrays.execute(connection, """
                    INSERT INTO email_delivery (id, dedupe_key, recipient_id, address, subject, text_body, html_body,
                                                status, attempts, created_at, next_attempt_at)
                    SELECT id::uuid, dedupe_key, recipient_id, address, subject, text_body, html_body, 'PENDING', 0,
                           ?, ?
                      FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])
                           AS t(id, dedupe_key, recipient_id, address, subject, text_body, html_body)
                    ON CONFLICT (dedupe_key) DO NOTHING""", List.of(at, at), columns, PreparedStatement::executeUpdate));
    }
}
