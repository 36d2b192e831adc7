package dev.verity.card.directory;

import dev.verity.events.DirectoryEvent;
import dev.verity.events.DirectoryEventTypes;
import dev.verity.events.Topics;
import dev.verity.platform.outbox.Outbox;
import dev.verity.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The organisation's users and groups. Changes are published on {@link Topics#DIRECTORY} so verification and
 * notification can resolve "verifier = group" to people without calling back.
 */
@ApplicationScoped
public class Directory {

    private final EntityManager em;
    private final Outbox outbox;
    private final Clock clock;
    private final Event<PrincipalRemoved> removed;

    Directory(EntityManager em, Outbox outbox, Clock clock, Event<PrincipalRemoved> removed) {
        this.em = em;
        this.outbox = outbox;
        this.clock = clock;
        this.removed = removed;
    }

    /** Creates the user or replaces name and email; returns it and whether it was new. */
    @Transactional
    public Upserted<DirectoryUser> putUser(String id, String name, String email, String actor) {
        if (em.find(DirectoryGroup.class, id) != null) {
            throw ProblemException.conflict("'" + id + "' is already a group; users and groups share one namespace"
                    + " so a verifier id is never ambiguous");
        }
        Instant now = clock.instant();
        DirectoryUser user = em.find(DirectoryUser.class, id, LockModeType.PESSIMISTIC_WRITE);
        boolean created = user == null;
        if (created) {
            user = new DirectoryUser();
            user.id = id;
            user.version = firstVersion(id);
            user.createdAt = now;
        } else if (user.name.equals(name) && java.util.Objects.equals(user.email, email)) {
            return new Upserted<>(user, false);
        } else {
            user.version++;
        }
        user.name = name;
        user.email = email;
        user.updatedAt = now;
        if (created) {
            em.persist(user);
        }
        publishUser(DirectoryEventTypes.USER_CHANGED, user, false, actor);
        return new Upserted<>(user, created);
    }

    /** Removes the user from the directory and from every group (each affected group publishes its new members). */
    @Transactional
    public void removeUser(String id, String actor) {
        DirectoryUser user = em.find(DirectoryUser.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (user == null) {
            throw ProblemException.notFound("user", id);
        }
        List<DirectoryGroup> groups = em.createQuery(
                "select g from DirectoryGroup g where :user member of g.memberIds", DirectoryGroup.class)
                .setParameter("user", id).setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultList();
        Instant now = clock.instant();
        for (DirectoryGroup group : groups) {
            group.memberIds.remove(id);
            group.version++;
            group.updatedAt = now;
            publishGroup(DirectoryEventTypes.GROUP_CHANGED, group, false, actor);
        }
        user.version++;
        user.updatedAt = now;
        publishUser(DirectoryEventTypes.USER_REMOVED, user, true, actor);
        tombstone(id, user.version);
        em.remove(user);
        removed.fire(new PrincipalRemoved(PrincipalType.USER, id, actor));
    }

    /** Creates the group or replaces name, description and the whole member list. */
    @Transactional
    public Upserted<DirectoryGroup> putGroup(String id, String name, String description, Collection<String> members,
            String actor) {
        if (em.find(DirectoryUser.class, id) != null) {
            throw ProblemException.conflict("'" + id + "' is already a user; users and groups share one namespace"
                    + " so a verifier id is never ambiguous");
        }
        Set<String> memberIds = new TreeSet<>(members);
        requireUsers(memberIds);
        Instant now = clock.instant();
        DirectoryGroup group = em.find(DirectoryGroup.class, id, LockModeType.PESSIMISTIC_WRITE);
        boolean created = group == null;
        if (created) {
            group = new DirectoryGroup();
            group.id = id;
            group.version = firstVersion(id);
            group.createdAt = now;
        } else if (group.name.equals(name) && java.util.Objects.equals(group.description, description)
                && group.memberIds.equals(memberIds)) {
            return new Upserted<>(group, false);
        } else {
            group.version++;
        }
        group.name = name;
        group.description = description;
        group.memberIds.clear();
        group.memberIds.addAll(memberIds);
        group.updatedAt = now;
        if (created) {
            em.persist(group);
        }
        publishGroup(DirectoryEventTypes.GROUP_CHANGED, group, false, actor);
        return new Upserted<>(group, created);
    }

    @Transactional
    public DirectoryGroup addMember(String groupId, String userId, String actor) {
        DirectoryGroup group = lockedGroup(groupId);
        requireUsers(Set.of(userId));
        if (group.memberIds.add(userId)) {
            changed(group, actor);
        }
        return group;
    }

    @Transactional
    public DirectoryGroup removeMember(String groupId, String userId, String actor) {
        DirectoryGroup group = lockedGroup(groupId);
        if (!group.memberIds.remove(userId)) {
            throw ProblemException.notFound("member", userId + " of group " + groupId);
        }
        changed(group, actor);
        return group;
    }

    @Transactional
    public void removeGroup(String id, String actor) {
        DirectoryGroup group = lockedGroup(id);
        group.version++;
        group.updatedAt = clock.instant();
        publishGroup(DirectoryEventTypes.GROUP_REMOVED, group, true, actor);
        tombstone(id, group.version);
        em.remove(group);
        removed.fire(new PrincipalRemoved(PrincipalType.GROUP, id, actor));
    }

    /**
     * A principal created again under a removed id continues its version sequence: consumers keep the highest
     * version they saw per id and would ignore a new "version 1" as stale.
     */
    private long firstVersion(String id) {
        List<?> last = em.createNativeQuery("SELECT version FROM directory_tombstone WHERE principal_id = :id")
                .setParameter("id", id).getResultList();
        return last.isEmpty() ? 1 : ((Number) last.get(0)).longValue() + 1;
    }

    private void tombstone(String id, long version) {
        em.createNativeQuery("INSERT INTO directory_tombstone (principal_id, version) VALUES (:id, :version)"
                        + " ON CONFLICT (principal_id) DO UPDATE SET version = EXCLUDED.version")
                .setParameter("id", id).setParameter("version", version).executeUpdate();
    }

    public DirectoryUser user(String id) {
        return Optional.ofNullable(em.find(DirectoryUser.class, id)).orElseThrow(() -> ProblemException.notFound("user", id));
    }

    public DirectoryGroup group(String id) {
        return Optional.ofNullable(em.find(DirectoryGroup.class, id))
                .orElseThrow(() -> ProblemException.notFound("group", id));
    }

    public List<DirectoryUser> users(String after, int limit) {
        return em.createQuery("from DirectoryUser where id > :after order by id", DirectoryUser.class)
                .setParameter("after", after == null ? "" : after).setMaxResults(limit).getResultList();
    }

    public List<DirectoryGroup> groups(String after, int limit) {
        return em.createQuery("from DirectoryGroup where id > :after order by id", DirectoryGroup.class)
                .setParameter("after", after == null ? "" : after).setMaxResults(limit).getResultList();
    }

    /** USER or GROUP when the directory knows the id, empty otherwise. */
    public Optional<PrincipalType> typeOf(String principalId) {
        if (em.find(DirectoryUser.class, principalId) != null) {
            return Optional.of(PrincipalType.USER);
        }
        if (em.find(DirectoryGroup.class, principalId) != null) {
            return Optional.of(PrincipalType.GROUP);
        }
        return Optional.empty();
    }

    public boolean exists(PrincipalType type, String id) {
        return type == PrincipalType.USER ? em.find(DirectoryUser.class, id) != null
                : em.find(DirectoryGroup.class, id) != null;
    }

    /** The subset of {@code ids} that are directory users. */
    public Set<String> knownUsers(Collection<String> ids) {
        if (ids.isEmpty()) {
            return Set.of();
        }
        return new TreeSet<>(em.createQuery("select u.id from DirectoryUser u where u.id in :ids", String.class)
                .setParameter("ids", ids).getResultList());
    }

    private void requireUsers(Set<String> ids) {
        Set<String> unknown = new TreeSet<>(ids);
        unknown.removeAll(knownUsers(ids));
        if (!unknown.isEmpty()) {
            throw ProblemException.invalidParameter("memberIds", "unknown users " + unknown
                    + "; add them with PUT /directory/users/{id} first");
        }
    }

    private DirectoryGroup lockedGroup(String id) {
        return Optional.ofNullable(em.find(DirectoryGroup.class, id, LockModeType.PESSIMISTIC_WRITE))
                .orElseThrow(() -> ProblemException.notFound("group", id));
    }

    private void changed(DirectoryGroup group, String actor) {
        group.version++;
        group.updatedAt = clock.instant();
        publishGroup(DirectoryEventTypes.GROUP_CHANGED, group, false, actor);
    }

    private void publishUser(String type, DirectoryUser user, boolean removed, String actor) {
        DirectoryEvent event = new DirectoryEvent(PrincipalType.USER.name(), user.id, user.version, removed, actor,
                user.updatedAt, user.snapshot(), null);
        outbox.publish(Topics.DIRECTORY, user.id, type, user.id, event);
    }

    private void publishGroup(String type, DirectoryGroup group, boolean removed, String actor) {
        DirectoryEvent event = new DirectoryEvent(PrincipalType.GROUP.name(), group.id, group.version, removed,
                actor, group.updatedAt, null, group.snapshot());
        outbox.publish(Topics.DIRECTORY, group.id, type, group.id, event);
    }

    /** The result of an idempotent PUT: the stored principal and whether this call created it. */
    public record Upserted<T>(T value, boolean created) {
    }
}
