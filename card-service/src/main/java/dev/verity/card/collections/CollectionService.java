package dev.verity.card.collections;

import dev.verity.card.directory.Directory;
import dev.verity.card.directory.DirectoryGroup;
import dev.verity.card.directory.PrincipalRemoved;
import dev.verity.card.directory.PrincipalType;
import dev.verity.events.CollectionEvent;
import dev.verity.events.CollectionEventTypes;
import dev.verity.events.Topics;
import dev.verity.platform.http.PageCursor;
import dev.verity.platform.http.VersionTags;
import dev.verity.platform.outbox.Outbox;
import dev.verity.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * Collection use cases: settings, access lists and the folder tree's changes, each published on
 * {@link Topics#COLLECTIONS} with the whole collection (folder tree included) at its new version.
 */
@ApplicationScoped
public class CollectionService {

    /** The menu of {@link Collection#autoArchiveAfterDays}: off, or about a quarter, half and whole year. */
    static final java.util.Set<Integer> AUTO_ARCHIVE_DAYS = java.util.Set.of(0, 90, 180, 365);

    private final CollectionRepository collections;
    private final FolderTrees folders;
    private final CollectionRoles access;
    private final Directory directory;
    private final Outbox outbox;
    private final Clock clock;

    CollectionService(CollectionRepository collections, FolderTrees folders, CollectionRoles access,
            Directory directory, Outbox outbox, Clock clock) {
        this.collections = collections;
        this.folders = folders;
        this.access = access;
        this.directory = directory;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** Anyone signed in may create a collection; they become its COLLECTION_OWNER. */
    @Transactional
    public Collection create(CollectionSettings settings, List<AccessGrant> grants, String actor) {
        Instant now = clock.instant();
        Collection collection = new Collection();
        collection.id = UUID.randomUUID();
        collection.version = 1;
        collection.createdAt = now;
        collection.createdBy = actor;
        apply(collection, settings, actor);
        List<AccessGrant> list = new ArrayList<>(grants == null ? List.of() : grants);
        if (list.stream().noneMatch(g -> g.principalType == PrincipalType.USER && g.principalId.equals(actor))) {
            list.add(new AccessGrant(PrincipalType.USER, actor, Role.COLLECTION_OWNER));
        }
        collection.access = validated(list, actor);
        requireDefaultVerifierReads(collection, settings, actor);
        collection.updatedAt = now;
        collection.updatedBy = actor;
        collections.persist(collection);
        publish(CollectionEventTypes.CREATED, collection, actor);
        return collection;
    }

    @Transactional
    public Collection update(UUID id, OptionalLong expectedVersion, CollectionSettings settings, String actor) {
        Collection collection = lockedForOwner(id, expectedVersion);
        apply(collection, settings, actor);
        requireDefaultVerifierReads(collection, settings, actor);
        changed(collection, actor);
        return collection;
    }

    /** Replaces the whole access list; a collection always keeps at least one COLLECTION_OWNER. */
    @Transactional
    public Collection replaceAccess(UUID id, OptionalLong expectedVersion, List<AccessGrant> grants, String actor) {
        Collection collection = lockedForOwner(id, expectedVersion);
        collection.access.clear();
        collection.access.addAll(validated(grants, actor));
        changed(collection, actor);
        return collection;
    }

    /** A removed user or group loses every grant, each affected collection publishing its new access list. */
    @Transactional(Transactional.TxType.MANDATORY)
    void revokeGrantsOf(@Observes PrincipalRemoved removed) {
        for (Collection collection : collections.grantingLocked(removed.type(), removed.id())) {
            collection.access.removeIf(g -> g.principalType == removed.type() && g.principalId.equals(removed.id()));
            changed(collection, removed.actor());
        }
    }

    /**
     * The folder tree of a collection changed (a folder created, renamed, moved, reordered or deleted): a change of the
     * collection's structure, so its version grows (an {@code If-Match} on the older version now fails) and consumers
     * get the new tree in the same transaction, through the outbox. The caller holds the collection's row lock.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void foldersChanged(Collection locked, String actor) {
        changed(locked, actor);
    }

    /** Only an ADMIN deletes a collection, and only an empty one (no cards, archived or not). */
    @Transactional
    public void delete(UUID id, String actor) {
        if (!access.isAdmin()) {
            access.require(id, Role.COLLECTION_OWNER, "collection " + id);
            throw ProblemException.forbidden("only an ADMIN can delete a collection");
        }
        Collection collection = collections.findById(id, LockModeType.PESSIMISTIC_WRITE);
        if (collection == null) {
            throw ProblemException.notFound("collection", id);
        }
        long held = collections.countCards(id);
        if (held > 0) {
            throw ProblemException.conflict("collection " + id + " still holds " + held
                    + " cards; move or delete them first").with("cards", held);
        }
        collection.version++;
        collection.updatedAt = clock.instant();
        collection.updatedBy = actor;
        publish(CollectionEventTypes.DELETED, collection, actor);
        collections.delete(collection); // folders and finished import jobs go with it (ON DELETE CASCADE)
    }

    public Collection get(UUID id) {
        access.require(id, Role.READ_ONLY, "collection " + id);
        return collections.findById(id);
    }

    /** Collections the current user may see, oldest first, with their role in each. */
    public List<Visible> list(PageCursor after, int limit) {
        return collections.visible(access.visibility(), after, limit).stream()
                .map(c -> new Visible(c, access.roleIn(c.id).orElseThrow())).toList();
    }

    public record Visible(Collection collection, Role role) {
    }

    private Collection lockedForOwner(UUID id, OptionalLong expectedVersion) {
        access.require(id, Role.COLLECTION_OWNER, "collection " + id);
        Collection collection = collections.findById(id, LockModeType.PESSIMISTIC_WRITE);
        VersionTags.requireMatch(expectedVersion, collection.version, "collection " + id);
        return collection;
    }

    private void apply(Collection collection, CollectionSettings settings, String actor) {
        String name = settings.name().strip();
        // Names are unique among the collections the caller can see, not globally: a global check would answer "is
        // there a private collection called X?" to anyone. Two teams may each have a "Billing" they cannot see.
        if (collections.nameTaken(name, collection.id, access.visibility())) {
            throw ProblemException.conflict("you already see a collection named '" + name + "'").with("field", "name");
        }
        collection.name = name;
        collection.description = settings.description();
        collection.color = settings.color() == null ? null : settings.color().toLowerCase(java.util.Locale.ROOT);
        if (settings.defaultVerifierId() != null) {
            // whether they may read is checked once the access list is known (requireDefaultVerifierReads)
            requireVerifierExists("defaultVerifierId", settings.defaultVerifierId(), actor);
            collection.defaultVerifierId = settings.defaultVerifierId();
        } else if (collection.defaultVerifierId == null) {
            collection.defaultVerifierId = actor;
        }
        Integer interval = VerificationIntervals.require("defaultVerificationIntervalDays",
                settings.defaultVerificationIntervalDays());
        if (interval != null) {
            collection.defaultIntervalDays = interval;
        } else if (collection.defaultIntervalDays == 0) {
            collection.defaultIntervalDays = VerificationIntervals.DEFAULT_DAYS;
        }
        collection.defaultVerifyOn = requireFuture("defaultVerifyOn", settings.defaultVerifyOn());
        if (settings.allowExternalImages() != null) {
            collection.allowExternalImages = settings.allowExternalImages();
        }
        if (settings.autoArchiveAfterDays() != null) {
            if (!AUTO_ARCHIVE_DAYS.contains(settings.autoArchiveAfterDays())) {
                throw ProblemException.invalidParameter("autoArchiveAfterDays", "must be 0 (off), 90, 180 or 365");
            }
            collection.autoArchiveAfterDays = settings.autoArchiveAfterDays();
        }
    }

    /**
     * A verifier is a directory user or group, or the person making the change, and may read the collection: a
     * verifier is told the card's title, its flags and requests, which must not reach someone who cannot read it.
     * A user reads through a grant naming them or a directory group they belong to; a group through a grant naming
     * it (verification-service judges the same way, and hands a card over when its verifier loses access).
     */
    public void requireVerifier(String field, String verifierId, String actor, Collection collection) {
        if (verifierId.equals(actor)) {
            return; // the author, who holds a role in the collection to be writing to it at all
        }
        if (directory.typeOf(verifierId).isEmpty()) {
            throw ProblemException.invalidParameter(field, "no user or group '" + verifierId
                    + "' in the directory");
        }
        if (!reads(collection.access, verifierId)) {
            throw ProblemException.invalidParameter(field, "'" + verifierId + "' may not read collection "
                    + collection.id + "; grant them a role there first, or choose someone who may");
        }
    }

    private boolean reads(List<AccessGrant> grants, String principalId) {
        for (AccessGrant grant : grants) {
            if (grant.principalId.equals(principalId)) {
                return true;
            }
            if (grant.principalType == PrincipalType.GROUP) {
                DirectoryGroup group = directory.group(grant.principalId);
                if (group != null && group.memberIds.contains(principalId)) {
                    return true;
                }
            }
        }
        return false;
    }

    private void requireVerifierExists(String field, String verifierId, String actor) {
        if (!verifierId.equals(actor) && directory.typeOf(verifierId).isEmpty()) {
            throw ProblemException.invalidParameter(field, "no user or group '" + verifierId
                    + "' in the directory");
        }
    }

    private void requireDefaultVerifierReads(Collection collection, CollectionSettings settings, String actor) {
        if (settings.defaultVerifierId() != null) {
            requireVerifier("defaultVerifierId", settings.defaultVerifierId(), actor, collection);
        }
    }

    public LocalDate requireFuture(String field, LocalDate date) {
        if (date != null && !date.isAfter(LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC))) {
            throw ProblemException.invalidParameter(field, "must be a date after today, got " + date);
        }
        return date;
    }

    /** Every grant names a directory user or group (or the person making the change); no one twice. */
    private List<AccessGrant> validated(List<AccessGrant> grants, String actor) {
        Map<String, AccessGrant> unique = new LinkedHashMap<>();
        for (int i = 0; i < grants.size(); i++) {
            AccessGrant grant = grants.get(i);
            boolean self = grant.principalType == PrincipalType.USER && grant.principalId.equals(actor);
            if (!self && !directory.exists(grant.principalType, grant.principalId)) {
                throw ProblemException.invalidParameter("access[" + i + "].principalId", "no "
                        + grant.principalType.name().toLowerCase(java.util.Locale.ROOT) + " '" + grant.principalId
                        + "' in the directory");
            }
            AccessGrant previous = unique.put(grant.principalType + ":" + grant.principalId, grant);
            if (previous != null && previous.role != grant.role) {
                throw ProblemException.invalidParameter("access[" + i + "]", grant.principalType + " '"
                        + grant.principalId + "' is listed twice with different roles");
            }
        }
        if (unique.values().stream().noneMatch(g -> g.role == Role.COLLECTION_OWNER)) {
            throw ProblemException.invalidParameter("access",
                    "must name at least one COLLECTION_OWNER, or nobody could manage the collection");
        }
        return new ArrayList<>(unique.values());
    }

    private void changed(Collection collection, String actor) {
        collection.version++;
        collection.updatedAt = clock.instant();
        collection.updatedBy = actor;
        publish(CollectionEventTypes.CHANGED, collection, actor);
    }

    /** The one place a collection event is built: every change, folder changes included, goes through here. */
    private void publish(String type, Collection collection, String actor) {
        List<CollectionEvent.Folder> tree = folders.of(collection.id);
        CollectionEvent event = new CollectionEvent(collection.id, collection.version, actor, collection.updatedAt,
                collection.snapshot(tree));
        outbox.publish(Topics.COLLECTIONS, collection.id.toString(), type, collection.id.toString(), event);
    }
}
