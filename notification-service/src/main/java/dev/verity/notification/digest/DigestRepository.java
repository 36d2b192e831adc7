package dev.verity.notification.digest;

import dev.verity.notification.preferences.DigestSchedule;
import dev.verity.platform.jdbc.SqlTimestamps;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/** What the daily digest reads: a user's due schedule, locked, and the cards waiting for them. */
@ApplicationScoped
public class DigestRepository {

    /** A card waiting for someone's verification; {@code reason} NEW for a card never verified. */
    public record Waiting(UUID cardId, String title, String reason, Instant dueAt) {
    }

    private final EntityManager em;

    DigestRepository(EntityManager em) {
        this.em = em;
    }

    /** The user's schedule if it is due and no other instance holds it ({@code SKIP LOCKED}); else null. */
    public DigestSchedule lockDue(String userId, Instant now) {
        @SuppressWarnings("unchecked")
        List<DigestSchedule> locked = em.createNativeQuery(
                "SELECT * FROM digest_schedule WHERE user_id = ?1 AND next_due_at <= ?2 FOR UPDATE SKIP LOCKED",
                DigestSchedule.class).setParameter(1, userId).setParameter(2, now.atOffset(ZoneOffset.UTC))
                .getResultList();
        return locked.isEmpty() ? null : locked.get(0);
    }

    /**
     * Live cards waiting for the user's verification (themselves, or as a member of the verifier group), soonest due
     * first: those whose newest verification event left them UNVERIFIED, and those never verified at all. A card
     * verification-service has published nothing about yet is NEW and waits, unless its author verifies it (the
     * record then starts VERIFIED); it is known from its card events, has been due since it was created, and comes
     * first.
     */
    public List<Waiting> waitingFor(String userId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                WITH mine AS (SELECT ?1 AS id UNION SELECT group_id FROM directory_group_member WHERE user_id = ?1)
                SELECT card_id, title, reason, due_at FROM (
                SELECT v.card_id, v.card_title AS title, v.reason, v.due_at FROM card_verification v
                LEFT JOIN card_verifier c ON c.card_id = v.card_id
                WHERE v.status = 'UNVERIFIED' AND NOT coalesce(c.archived, false)
                  AND v.verifier_id IN (SELECT id FROM mine)
                UNION ALL
                SELECT c.card_id, c.title, 'NEW', NULL FROM card_verifier c
                WHERE NOT c.archived AND c.title IS NOT NULL AND c.verifier_id IN (SELECT id FROM mine)
                  AND NOT EXISTS (SELECT 1 FROM card_verification v WHERE v.card_id = c.card_id)
                  AND c.author_id IS DISTINCT FROM c.verifier_id
                  AND NOT EXISTS (SELECT 1 FROM directory_group_member m
                                  WHERE m.group_id = c.verifier_id AND m.user_id = c.author_id)
                ) waiting
                ORDER BY reason = 'NEW' DESC, due_at NULLS LAST, title""").setParameter(1, userId).getResultList();
        return rows.stream().map(row -> new Waiting((UUID) row[0], (String) row[1], (String) row[2],
                SqlTimestamps.instant(row[3]))).toList();
    }
}
