package dev.verity.search.slack;

import dev.verity.events.DirectoryEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.List;

/** The directory users' emails ({@code slack_directory_user}), for identifying a Slack user. */
@ApplicationScoped
public class SlackPeopleRepository {

    private final EntityManager em;

    SlackPeopleRepository(EntityManager em) {
        this.em = em;
    }

    /** Applies a user's change unless a newer one is held (one upsert: proof against redelivery and reordering). */
    public void apply(DirectoryEvent event) {
        em.createNativeQuery("""
                INSERT INTO slack_directory_user (user_id, email, version, removed)
                VALUES (:id, :email, :version, :removed)
                ON CONFLICT (user_id) DO UPDATE SET email = EXCLUDED.email, version = EXCLUDED.version,
                       removed = EXCLUDED.removed
                 WHERE slack_directory_user.version < EXCLUDED.version""")
                .setParameter("id", event.principalId())
                .setParameter("email", event.user() == null ? null : event.user().email())
                .setParameter("version", event.version()).setParameter("removed", event.removed())
                .executeUpdate();
    }

    /** The (at most two: one is an answer, two an ambiguity) directory users with this email, ignoring case. */
    @Transactional
    public List<String> usersWithEmail(String email) {
        @SuppressWarnings("unchecked")
        List<String> ids = em.createNativeQuery("SELECT user_id FROM slack_directory_user"
                        + " WHERE lower(email) = lower(:email) AND NOT removed ORDER BY user_id LIMIT 2", String.class)
                .setParameter("email", email).getResultList();
        return ids;
    }
}
