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

    /**
     * The group with its row locked for update, or null. The row is locked with plain SQL first and the entity read
     * after: Hibernate's own pessimistic {@code find} of an entity with an eager element collection runs a follow-on
     * lock of the member table that throws a NullPointerException when two requests race for the same group (seen
     * under 4 concurrent {@code PUT /directory/groups/{id}}).
     */
    public DirectoryGroup findLocked(String id) {
        List<?> locked = getEntityManager()
                .createNativeQuery("SELECT id FROM directory_group WHERE id = :id FOR UPDATE")
                .setParameter("id", id).getResultList();
        if (locked.isEmpty()) {
            return null;
        }
        DirectoryGroup group = findById(id);
        getEntityManager().refresh(group); // what the lock holder committed, not what this session read before
        return group;
    }

    /** The groups the user is a member of, locked for update. */
    public List<DirectoryGroup> withMemberLocked(String userId) {
        return getEntityManager().createQuery(
                        "select g from DirectoryGroup g where :user member of g.memberIds", DirectoryGroup.class)
                .setParameter("user", userId).setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultList();
    }
}
