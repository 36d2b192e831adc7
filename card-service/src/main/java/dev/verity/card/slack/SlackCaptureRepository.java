package dev.verity.card.slack;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The "Save to Verity" submissions already turned into cards, by Slack view id ({@code slack_capture}). */
@ApplicationScoped
public class SlackCaptureRepository {

    private final EntityManager em;

    SlackCaptureRepository(EntityManager em) {
        this.em = em;
    }

    /**
     * Claims the view for this transaction: false when another submission of it (Slack's retry) claimed it first. A
     * retry arriving while the first is still in its transaction waits on the row, then finds it taken.
     */
    public boolean claim(String viewId, Instant now) {
        return em.createNativeQuery("INSERT INTO slack_capture (view_id, created_at) VALUES (:view, :now)"
                        + " ON CONFLICT (view_id) DO NOTHING")
                .setParameter("view", viewId).setParameter("now", now).executeUpdate() == 1;
    }

    public void recordCard(String viewId, UUID cardId) {
        em.createNativeQuery("UPDATE slack_capture SET card_id = :card WHERE view_id = :view")
                .setParameter("card", cardId).setParameter("view", viewId).executeUpdate();
    }

    public Optional<UUID> cardOf(String viewId) {
        @SuppressWarnings("unchecked")
        List<UUID> cards = em.createNativeQuery("SELECT card_id FROM slack_capture WHERE view_id = :view", UUID.class)
                .setParameter("view", viewId).getResultList();
        return cards.stream().filter(java.util.Objects::nonNull).findFirst();
    }
}
