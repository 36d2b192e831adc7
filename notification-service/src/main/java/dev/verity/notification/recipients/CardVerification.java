package dev.verity.notification.recipients;

import dev.verity.events.VerificationEvent;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * A card's verification as of the newest verification event seen: who must verify it and whether it waits for
 * them. The daily digest lists the cards waiting for a person.
 */
@Entity
@Table(name = "card_verification")
public class CardVerification extends PanacheEntityBase {

    @Id
    @Column(name = "card_id")
    public UUID cardId;

    @Column(name = "card_title", nullable = false, columnDefinition = "text")
    public String cardTitle;

    @Column(name = "verifier_id", nullable = false)
    public String verifierId;

    @Column(nullable = false)
    public String status;

    public String reason;

    @Column(name = "due_at")
    public Instant dueAt;

    @Column(name = "occurred_at", nullable = false)
    public Instant occurredAt;

    public static CardVerification of(UUID cardId) {
        CardVerification verification = new CardVerification();
        verification.cardId = cardId;
        return verification;
    }

    /**
     * Takes over the state an event carries unless a later one is held already (a replay, or an event overtaken on
     * its way): verification events carry no version, their time orders them.
     */
    public boolean takeOver(VerificationEvent event) {
        if (occurredAt != null && event.occurredAt().isBefore(occurredAt)) {
            return false;
        }
        cardTitle = event.cardTitle();
        verifierId = event.verifierId();
        status = event.status();
        reason = event.reason();
        dueAt = event.dueAt();
        occurredAt = event.occurredAt();
        return true;
    }
}
