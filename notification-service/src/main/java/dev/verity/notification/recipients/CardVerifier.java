package dev.verity.notification.recipients;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.UUID;

/**
 * What this service knows of a card as of the newest version it has seen: the verifier (the last one told, while the
 * card is archived), which tells a real reassignment apart from an edit that kept the verifier; the version, which
 * tells a newer event from a replayed or overtaken one; the owner, who hears of comments; and the title.
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

    /**
     * The verifier the newest live card version named. A policy change in verification-service can make someone else
     * the verifier (and the one told) while the card still names this one: an edit that keeps naming it is no
     * reassignment. Null for cards last seen before V55.
     */
    @Column(name = "named_verifier_id")
    public String namedVerifierId;

    /** The user accountable for the card's content, told of comments; null for cards last seen before V3. */
    @Column(name = "owner_id")
    public String ownerId;

    @Column(columnDefinition = "text")
    public String title;

    /** The card's collection, whose access list decides who may follow it and hear of its changes. */
    @Column(name = "collection_id")
    public UUID collectionId;

    /** Who wrote the card: a card they verify starts VERIFIED, any other waits (NEW) for its verifier. */
    @Column(name = "author_id")
    public String authorId;

    /** Whether the newest version is archived (or deleted): such a card waits for nobody's verification. */
    @Column(nullable = false)
    public boolean archived;

    public static CardVerifier of(UUID cardId, String verifierId, long cardVersion) {
        CardVerifier known = new CardVerifier();
        known.cardId = cardId;
        known.verifierId = verifierId;
        known.namedVerifierId = verifierId;
        known.cardVersion = cardVersion;
        return known;
    }

    /** Whether {@code version} is newer than the one held: older and equal versions are replays or overtaken. */
    public boolean isOlderThan(long version) {
        return version > cardVersion;
    }

    /** Takes over the collection, author, owner, title and archived state of the newest version (only a newer one). */
    public void describe(UUID collection, String author, String owner, String cardTitle, boolean isArchived) {
        collectionId = collection;
        authorId = author;
        ownerId = owner;
        title = cardTitle;
        archived = isArchived;
    }

    /**
     * Moves on to a newer card version. Returns {@code true} when that version names a different verifier than the
     * previous one did and than the one last told, i.e. someone new to tell; an older or equal version changes
     * nothing and returns {@code false}. A version naming the same verifier as before keeps the one last told (a
     * policy change may have told someone else since).
     */
    public boolean advanceTo(long version, String verifier) {
        if (version <= cardVersion) {
            return false;
        }
        boolean renamed = namedVerifierId == null || !verifier.equals(namedVerifierId);
        boolean reassigned = renamed && !verifier.equals(verifierId);
        cardVersion = version;
        namedVerifierId = verifier;
        if (renamed) {
            verifierId = verifier;
        }
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
