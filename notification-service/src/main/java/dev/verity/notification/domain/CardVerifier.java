package dev.verity.notification.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.UUID;

/**
 * The verifier of a card as of the newest card version this service has seen (the last one told, while the card is
 * archived): the memory that tells a real reassignment apart from an edit that kept the verifier, and a newer event
 * from a replayed or overtaken one.
 */
@Entity
@Table(name = "card_verifier")
public class CardVerifier extends PanacheEntityBase {

    @Id
    @Column(name = "card_id")
    public UUID cardId;

    /** Null while nobody has been told: the card was first seen archived. */
    @Column(name = "verifier_id")
    public String verifierId;

    @Column(name = "card_version", nullable = false)
    public long cardVersion;

    public static CardVerifier of(UUID cardId, String verifierId, long cardVersion) {
        CardVerifier known = new CardVerifier();
        known.cardId = cardId;
        known.verifierId = verifierId;
        known.cardVersion = cardVersion;
        return known;
    }

    /**
     * Moves on to a newer card version. Returns {@code true} when that version names a different verifier, i.e.
     * someone new to tell; an older or equal version changes nothing and returns {@code false}.
     */
    public boolean advanceTo(long version, String verifier) {
        if (version <= cardVersion) {
            return false;
        }
        boolean reassigned = !verifier.equals(verifierId);
        cardVersion = version;
        verifierId = verifier;
        return reassigned;
    }

    /**
     * Moves on to a newer version of an archived card without taking over its verifier: nobody is told while the
     * card is archived, so a verifier named meanwhile is still news when the card is restored.
     */
    public void passArchived(long version) {
        if (version > cardVersion) {
            cardVersion = version;
        }
    }
}
