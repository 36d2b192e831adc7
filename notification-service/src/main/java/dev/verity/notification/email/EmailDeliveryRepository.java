package dev.verity.notification.email;

import dev.verity.notification.delivery.DeliveryTableRepository;
import dev.verity.notification.delivery.DeliveryWakeups;
import jakarta.inject.Singleton;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/** The {@code email_delivery} table: emails written down by {@link EmailOutbox}, claimed and recorded by the queue. */
@Singleton
public class EmailDeliveryRepository extends DeliveryTableRepository<EmailDelivery> {

    /** The columns an email fills, in order, and where each value comes from. */
    private static final LinkedHashMap<String, Function<NewEmail, String>> COLUMNS = new LinkedHashMap<>();

    static {
        COLUMNS.put("dedupe_key", NewEmail::dedupeKey);
        COLUMNS.put("recipient_id", NewEmail::recipientId);
        COLUMNS.put("address", NewEmail::address);
        COLUMNS.put("subject", NewEmail::subject);
        COLUMNS.put("text_body", NewEmail::text);
        COLUMNS.put("html_body", NewEmail::html);
    }

    /** One email to write down. */
    public record NewEmail(String dedupeKey, String recipientId, String address, String subject, String text,
            String html) {
    }

    EmailDeliveryRepository(EntityManager em, DeliveryWakeups wakeups) {
        super(em, "email_delivery", wakeups);
    }

    /** One multi-row insert; an email whose dedupe key is taken (a redelivery) is skipped. */
    public void insert(List<NewEmail> emails, Instant now) {
        insertPending(emails, COLUMNS, now);
    }

    @Override
    protected List<EmailDelivery> load(List<UUID> ids) {
        return EmailDelivery.list("id in ?1", ids);
    }
}
