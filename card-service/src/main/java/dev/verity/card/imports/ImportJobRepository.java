package dev.verity.card.imports;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

/** Queries on import jobs. */
@ApplicationScoped
public class ImportJobRepository implements PanacheRepositoryBase<ImportJob, UUID> {

    /** Jobs with work left, oldest first. */
    public List<UUID> unfinishedIds() {
        return getEntityManager()
                .createQuery("select j.id from ImportJob j where j.status <> :done order by j.createdAt", UUID.class)
                .setParameter("done", ImportJob.Status.COMPLETED).getResultList();
    }

    /** Jobs of the user that are not yet COMPLETED. */
    public long countUnfinishedOf(String user) {
        return count("createdBy = :user and status <> :done",
                Parameters.with("user", user).and("done", ImportJob.Status.COMPLETED));
    }
}
