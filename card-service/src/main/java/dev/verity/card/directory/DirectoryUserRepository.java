package dev.verity.card.directory;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** Queries on directory users. */
@ApplicationScoped
public class DirectoryUserRepository implements PanacheRepositoryBase<DirectoryUser, String> {

    /** One page of users in id order, after {@code after} (null: from the start). */
    public List<DirectoryUser> page(String after, int limit) {
        return find("from DirectoryUser where id > :after order by id",
                Parameters.with("after", after == null ? "" : after)).page(0, limit).list();
    }

    /** The subset of {@code ids} that are directory users. */
    public Set<String> knownAmong(Collection<String> ids) {
        if (ids.isEmpty()) {
            return Set.of();
        }
        return new TreeSet<>(getEntityManager()
                .createQuery("select u.id from DirectoryUser u where u.id in :ids", String.class)
                .setParameter("ids", ids).getResultList());
    }

    /** The ids of the users with this email, compared without case (the Slack app identifies people by it). */
    public List<String> idsWithEmail(String email) {
        return getEntityManager()
                .createQuery("select u.id from DirectoryUser u where lower(u.email) = lower(:email) order by u.id",
                        String.class)
                .setParameter("email", email).setMaxResults(2).getResultList();
    }
}
