package dev.verity.notification.directory;

import dev.verity.events.DirectoryEvent;
import dev.verity.notification.directory.DirectoryGroup;
import dev.verity.notification.directory.DirectoryUser;
import dev.verity.notification.directory.RemovedPrincipal;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.hibernate.jpa.HibernateHints;
import org.jboss.logging.Logger;

/** The local read model of the directory: users and groups (with their members) from {@code verity.directory}. */
@ApplicationScoped
public class DirectoryService {

    /** This read model's name in the inbox: each event id is applied once. */
    public static final String CONSUMER = "notification-service/directory";

    static final String USER = "USER";
    static final String GROUP = "GROUP";

    private static final Logger LOG = Logger.getLogger(DirectoryService.class);


    /**
     * Who a verifier id stands for: every member of a group known to the directory, or the id itself (a user, or a
     * group whose directory event has not arrived, which is all that can be done with it).
     */
    public Members recipientsOf(String verifierId, Object about) {
        DirectoryGroup group = DirectoryGroup.findById(verifierId);
        if (group == null) {
            if (DirectoryUser.findById(verifierId) == null) {
                LOG.infof("%s: verifier %s is no group or user known to the directory; notifying the id as is",
                        about, verifierId);
            }
            return new Members(List.of(verifierId), null);
        }
        if (group.memberIds.isEmpty()) {
            LOG.warnf("%s: verifier group %s has no members; nobody to tell", about, verifierId);
        }
        return new Members(List.copyOf(group.memberIds), group.name);
    }

    /**
     * {@link #recipientsOf} for many verifier ids at once, as a batch of events asks: the groups with their members in
     * one query, and the ids that are no group checked as users in one more.
     */
    public Map<String, Members> recipientsOfAll(Collection<String> verifierIds, Object about) {
        Map<String, Members> recipients = new HashMap<>();
        if (verifierIds.isEmpty()) {
            return recipients;
        }
        // read-only: nothing here changes them, so the flush need not check hundreds of groups and members for changes
        List<DirectoryGroup> groups = DirectoryGroup.<DirectoryGroup>find(
                "select g from DirectoryGroup g left join fetch g.memberIds where g.id in ?1", verifierIds)
                .withHint(HibernateHints.HINT_READ_ONLY, true).list();
        for (DirectoryGroup group : groups) {
            if (group.memberIds.isEmpty()) {
                LOG.warnf("%s: verifier group %s has no members; nobody to tell", about, group.id);
            }
            recipients.put(group.id, new Members(List.copyOf(group.memberIds), group.name));
        }
        List<String> others = verifierIds.stream().filter(id -> !recipients.containsKey(id)).distinct().toList();
        if (!others.isEmpty()) {
            Set<String> users = DirectoryUser.<DirectoryUser>list("id in ?1", others).stream().map(user -> user.id)
                    .collect(Collectors.toSet());
            for (String id : others) {
                if (!users.contains(id)) {
                    LOG.infof("%s: verifier %s is no group or user known to the directory; notifying the id as is",
                            about, id);
                }
                recipients.put(id, new Members(List.of(id), null));
            }
        }
        return recipients;
    }

    /** How to call a user in a message: their directory name, else their id. */
    public String nameOf(String userId) {
        return DirectoryUser.<DirectoryUser>findByIdOptional(userId).map(user -> user.name).orElse(userId);
    }

    /**
     * Applies one directory event, once (the inbox claim commits with the change). Only a version newer than the one
     * held for that principal counts; a removal deletes the principal and remembers the removal, so older events
     * arriving later cannot bring it back.
     *
     * @param removal whether the event removes the principal
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void apply(String eventId, DirectoryEvent event, boolean removal) {
        if (USER.equals(event.principalType())) {
            applyUser(event, removal);
        } else {
            applyGroup(event, removal);
        }
    }

    private void applyUser(DirectoryEvent event, boolean removal) {
        // locked so a second instance that briefly holds the same partition during a rebalance waits for us
        DirectoryUser user = DirectoryUser.findById(event.principalId(), LockModeType.PESSIMISTIC_WRITE);
        if (!isNews(USER, event, removal, user == null ? null : user.version)) {
            return;
        }
        if (removal) {
            if (user != null) {
                user.delete();
            }
            rememberRemoval(USER, event);
            return;
        }
        forgetRemoval(USER, event.principalId());
        boolean created = user == null;
        if (created) {
            user = DirectoryUser.of(event.principalId());
        }
        user.version = event.version();
        user.name = event.user().name();
        user.email = event.user().email();
        user.changedAt = event.occurredAt();
        if (created) {
            user.persist();
        }
    }

    private void applyGroup(DirectoryEvent event, boolean removal) {
        DirectoryGroup group = DirectoryGroup.findById(event.principalId(), LockModeType.PESSIMISTIC_WRITE);
        if (!isNews(GROUP, event, removal, group == null ? null : group.version)) {
            return;
        }
        if (removal) {
            if (group != null) {
                group.delete();
            }
            rememberRemoval(GROUP, event);
            return;
        }
        forgetRemoval(GROUP, event.principalId());
        boolean created = group == null;
        if (created) {
            group = DirectoryGroup.of(event.principalId());
        }
        group.version = event.version();
        group.name = event.group().name();
        group.description = event.group().description();
        group.memberIds.clear();
        group.memberIds.addAll(event.group().memberIds());
        group.changedAt = event.occurredAt();
        if (created) {
            group.persist();
        }
    }

    /** Whether the event is newer than what is held for the principal, be that its data or its removal. */
    private static boolean isNews(String type, DirectoryEvent event, boolean removal, Long heldVersion) {
        boolean news;
        if (heldVersion != null) {
            news = event.version() > heldVersion;
        } else {
            RemovedPrincipal removed = RemovedPrincipal.findById(new RemovedPrincipal.Key(type, event.principalId()));
            news = removed == null || removed.isOverriddenBy(event.version(), removal, event.occurredAt());
        }
        if (!news) {
            LOG.debugf("%s %s v%d is not newer than what is held; ignored", type, event.principalId(),
                    event.version());
        }
        return news;
    }

    private static void rememberRemoval(String type, DirectoryEvent event) {
        RemovedPrincipal removed = RemovedPrincipal.findById(new RemovedPrincipal.Key(type, event.principalId()));
        boolean first = removed == null;
        if (first) {
            removed = RemovedPrincipal.of(type, event.principalId());
        }
        removed.version = event.version();
        removed.removedAt = event.occurredAt();
        if (first) {
            removed.persist();
        }
        LOG.debugf("%s %s removed at v%d", type, event.principalId(), event.version());
    }

    private static void forgetRemoval(String type, String id) {
        RemovedPrincipal.deleteById(new RemovedPrincipal.Key(type, id));
    }
}
