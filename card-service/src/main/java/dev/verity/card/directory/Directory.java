package dev.verity.card.directory;

import dev.verity.events.DirectoryEvent;
import dev.verity.events.DirectoryEventTypes;
import dev.verity.events.Topics;
import dev.verity.platform.outbox.Outbox;
import dev.verity.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
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

    private final DirectoryUserRepository users;
    private final DirectoryGroupRepository groups;
    private final TombstoneRepository tombstones;
    private final Outbox outbox;
    private final Clock clock;
    private final Event<PrincipalRemoved> removed;

    Directory(DirectoryUserRepository users, DirectoryGroupRepository groups, TombstoneRepository tombstones,
            Outbox outbox, Clock clock, Event<PrincipalRemoved> removed) {
        this.users = users;
        this.groups = groups;
        this.tombstones = tombstones;
        this.outbox = outbox;
        this.clock = clock;
        this.removed = removed;
    }

    /** Creates the user or replaces name and email; returns it and whether it was new. */
    @Transactional
    public Upserted<DirectoryUser> putUser(String id, String name, String email, String actor) {
        // an empty email (which @Email lets through) means none: the published event's schema allows null, not ""
        email = email == null || email.isBlank() ? null : email.strip();
        if (groups.findById(id) != null) {
            throw ProblemException.conflict("'" + id + "' is already a group; users and groups share one namespace"
                    + " so a verifier id is never ambiguous");
        }
        Instant now = clock.instant();
        DirectoryUser user = users.findById(id, LockModeType.PESSIMISTIC_WRITE);
        boolean created = user == null;
        if (created) {
            user = new DirectoryUser();
            user.id = id;
            user.version = tombstones.firstVersion(id);
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
            users.persist(user);
        }
        publishUser(DirectoryEventTypes.USER_CHANGED, user, false, actor);
        return new Upserted<>(user, created);
    }

    /** Removes the user from the directory and from every group (each affected group publishes its new members). */
    @Transactional
    public void removeUser(String id, String actor) {
        DirectoryUser user = users.findById(id, LockModeType.PESSIMISTIC_WRITE);
        if (user == null) {
            throw ProblemException.notFound("user", id);
        }
        Instant now = clock.instant();
        for (DirectoryGroup group : groups.withMemberLocked(id)) {
            group.memberIds.remove(id);
            group.version++;
            group.updatedAt = now;
            publishGroup(DirectoryEventTypes.GROUP_CHANGED, group, false, actor);
        }
        user.version++;
        user.updatedAt = now;
        publishUser(DirectoryEventTypes.USER_REMOVED, user, true, actor);
        tombstones.record(id, user.version);
        users.delete(user);
        removed.fire(new PrincipalRemoved(PrincipalType.USER, id, actor));
    }

    /** Creates the group or replaces name, description and the whole member list. */
    @Transactional
    public Upserted<DirectoryGroup> putGroup(String id, String name, String description, Collection<String> members,
            String actor) {
        if (users.findById(id) != null) {
            throw ProblemException.conflict("'" + id + "' is already a user; users and groups share one namespace"
                    + " so a verifier id is never ambiguous");
        }
        Set<String> memberIds = new TreeSet<>(members);
        requireUsers(memberIds);
        Instant now = clock.instant();
        DirectoryGroup group = groups.findLocked(id);
        boolean created = group == null;
        if (created) {
            group = new DirectoryGroup();
            group.id = id;
            group.version = tombstones.firstVersion(id);
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
            groups.persist(group);
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
        tombstones.record(id, group.version);
        groups.delete(group);
        removed.fire(new PrincipalRemoved(PrincipalType.GROUP, id, actor));
    }

    public DirectoryUser user(String id) {
        return users.findByIdOptional(id).orElseThrow(() -> ProblemException.notFound("user", id));
    }

    public DirectoryGroup group(String id) {
        return groups.findByIdOptional(id).orElseThrow(() -> ProblemException.notFound("group", id));
    }

    public List<DirectoryUser> users(String after, int limit) {
        return users.page(after, limit);
    }

    public List<DirectoryGroup> groups(String after, int limit) {
        return groups.page(after, limit);
    }

    /** USER or GROUP when the directory knows the id, empty otherwise. */
    public Optional<PrincipalType> typeOf(String principalId) {
        if (users.findById(principalId) != null) {
            return Optional.of(PrincipalType.USER);
        }
        if (groups.findById(principalId) != null) {
            return Optional.of(PrincipalType.GROUP);
        }
        return Optional.empty();
    }

    public boolean exists(PrincipalType type, String id) {
        return type == PrincipalType.USER ? users.findById(id) != null : groups.findById(id) != null;
    }

    /** The subset of {@code ids} that are directory users. */
    public Set<String> knownUsers(Collection<String> ids) {
        return users.knownAmong(ids);
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
        DirectoryGroup group = groups.findLocked(id);
        if (group == null) {
            throw ProblemException.notFound("group", id);
        }
        return group;
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
