package dev.verity.card.directory;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.util.List;

/** Queries on directory groups. */
@ApplicationScoped
public class DirectoryGroupRepository implements PanacheRepositoryBase<DirectoryGroup, String> {

    /** One page of groups in id order, after {@code after} (null: from the start). */
    public List<DirectoryGroup> page(String after, int limit) {
        return find("from DirectoryGroup where id > :after order by id",
                Parameters.with("after", after == null ? "" : after)).page(0, limit).list();
    }

    /** The groups the user is a member of, locked for update. */
    public List<DirectoryGroup> withMemberLocked(String userId) {
        return getEntityManager().createQuery(
                        "select g from DirectoryGroup g where :user member of g.memberIds", DirectoryGroup.class)
                .setParameter("user", userId).setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultList();
    }
}
