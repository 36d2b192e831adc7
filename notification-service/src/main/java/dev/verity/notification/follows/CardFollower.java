package dev.verity.notification.follows;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A user who follows a card: told of every later version of it that someone else makes. */
@Entity
@Table(name = "card_follower")
public class CardFollower extends PanacheEntityBase {

    /** A stable key for cursor pages of followers; (card, user) is unique as well. */
    @Id
    public UUID id;

    @Column(name = "card_id", nullable = false)
    public UUID cardId;

    @Column(name = "user_id", nullable = false)
    public String userId;

    @Column(name = "followed_at", nullable = false)
    public Instant followedAt;

    public static CardFollower of(UUID cardId, String userId, Instant at) {
        CardFollower follower = new CardFollower();
        follower.id = UUID.randomUUID();
        follower.cardId = cardId;
        follower.userId = userId;
        follower.followedAt = at;
        return follower;
    }
}
