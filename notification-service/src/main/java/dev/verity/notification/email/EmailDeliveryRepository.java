package dev.verity.notification.email;

import dev.verity.notification.delivery.DeliveryTableRepository;
import jakarta.inject.Singleton;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The {@code email_delivery} table: emails written down by {@link EmailOutbox}, claimed and recorded by the queue. */
@Singleton
public class EmailDeliveryRepository extends DeliveryTableRepository<EmailDelivery> {

    private static final List<String> COLUMNS = List.of("dedupe_key", "recipient_id", "address", "subject",
            "text_body", "html_body");

    /** One email to write down. */
    public record NewEmail(String dedupeKey, String recipientId, String address, String subject, String text,
            String html) {
    }

    EmailDeliveryRepository(EntityManager em) {
        super(em, "email_delivery");
    }

    /** One multi-row insert; an email whose dedupe key is taken (a redelivery) is skipped. */
    public void insert(List<NewEmail> emails, Instant now) {
        String[][] values = new String[COLUMNS.size()][emails.size()];
        for (int i = 0; i < emails.size(); i++) {
            NewEmail email = emails.get(i);
            values[0][i] = email.dedupeKey();
            values[1][i] = email.recipientId();
            values[2][i] = email.address();
            values[3][i] = email.subject();
            values[4][i] = email.text();
            values[5][i] = email.html();
        }
        insertPending(COLUMNS, values, now);
    }

    @Override
    protected List<EmailDelivery> load(List<UUID> ids) {
        return EmailDelivery.list("id in ?1", ids);
    }
}
