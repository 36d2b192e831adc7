package dev.verity.card.templates;

import dev.verity.platform.http.PageCursor;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

/** Queries on templates. */
@ApplicationScoped
public class TemplateRepository implements PanacheRepositoryBase<Template, UUID> {

    /**
     * Takes the person's template lock until the transaction ends, so two concurrent creates cannot both take their
     * last free place.
     */
    public void lockOwner(String actor) {
        getEntityManager().createNativeQuery("SELECT pg_advisory_xact_lock(hashtext('template-owner:' || :actor))")
                .setParameter("actor", actor).getSingleResult();
    }

    public long countCreatedBy(String actor) {
        return count("createdBy", actor);
    }

    /** Whether another template has this name, ignoring case. */
    public boolean nameTaken(String name, UUID self) {
        return count("lower(name) = lower(:name) and id <> :id", Parameters.with("name", name).and("id", self)) > 0;
    }

    /** Oldest first, one page after {@code after} (null: from the start). */
    public List<Template> page(PageCursor after, int limit) {
        if (after == null) {
            return find("from Template order by createdAt, id").page(0, limit).list();
        }
        return find("from Template where createdAt > :at or (createdAt = :at and id > :id) order by createdAt, id",
                Parameters.with("at", after.at()).and("id", after.id())).page(0, limit).list();
    }
}
