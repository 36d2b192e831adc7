package dev.verity.card.comments;

import dev.verity.platform.http.PageCursor;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

/** Queries on comments. */
@ApplicationScoped
public class CommentRepository implements PanacheRepositoryBase<Comment, UUID> {

    /** The card's comments, optionally only those in one status, oldest first, one page after {@code after}. */
    public List<Comment> page(UUID cardId, Comment.Status status, PageCursor after, int limit) {
        String jpql = "from Comment c where c.cardId = :card"
                + (status == null ? "" : " and c.status = :status")
                + (after == null ? "" : " and (c.createdAt > :at or (c.createdAt = :at and c.id > :id))")
                + " order by c.createdAt, c.id";
        Parameters params = Parameters.with("card", cardId);
        if (status != null) {
            params.and("status", status);
        }
        if (after != null) {
            params.and("at", after.at()).and("id", after.id());
        }
        return find(jpql, params).page(0, limit).list();
    }
}
