package dev.verity.notification.follows;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

/** The {@code card_follower} rows' one write that Panache cannot say: an insert that keeps an existing row. */
@ApplicationScoped
public class CardFollowerRepository {

    private final EntityManager em;

    CardFollowerRepository(EntityManager em) {
        this.em = em;
    }

    /** Idempotent: following again keeps the first time; two concurrent requests store one row. */
    public void follow(UUID cardId, String userId, Instant at) {
        em.createNativeQuery("""
                INSERT INTO card_follower (id, card_id, user_id, followed_at) VALUES (?1, ?2, ?3, ?4)
                ON CONFLICT (card_id, user_id) DO NOTHING""")
                .setParameter(1, UUID.randomUUID())
                .setParameter(2, cardId)
                .setParameter(3, userId)
                .setParameter(4, at.atOffset(ZoneOffset.UTC))
                .executeUpdate();
    }
}
