package dev.verity.notification.recipients;

import dev.verity.notification.directory.DirectoryService;
import dev.verity.notification.directory.Members;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * What the events of one batch ask of the directory and the access lists, each question asked once: a batch of
 * expiries for one verifier group reads the group, its members' names and each member's readable collections once,
 * not once per event. Lives for one transaction; nothing a verification consumer applies changes these answers
 * (groups and access lists come from other consumers, in transactions of their own).
 */
final class BatchLookups {

    private final DirectoryService directory;
    private final CardReaders readers;
    private final Map<String, Members> members = new HashMap<>();
    private final Map<String, String> names = new HashMap<>();
    private final Map<UUID, Boolean> known = new HashMap<>();
    private final Map<String, Set<UUID>> readable = new HashMap<>();

    BatchLookups(DirectoryService directory, CardReaders readers) {
        this.directory = directory;
        this.readers = readers;
    }

    /**
     * Reads the recipients of every verifier id a batch names that was not read yet, in two queries at most
     * ({@link DirectoryService#recipientsOfAll}), so {@link #recipientsOf} then asks nothing of the database.
     */
    void prefetchRecipients(Collection<String> verifierIds, Object about) {
        List<String> missing = verifierIds.stream().filter(id -> id != null && !members.containsKey(id)).distinct()
                .toList();
        if (!missing.isEmpty()) {
            members.putAll(directory.recipientsOfAll(missing, about));
        }
    }

    /** {@link DirectoryService#recipientsOf}, once per verifier id. */
    Members recipientsOf(String verifierId, Object about) {
        return members.computeIfAbsent(verifierId, id -> directory.recipientsOf(id, about));
    }

    /** {@link DirectoryService#nameOf}, once per user id. */
    String nameOf(String userId) {
        return userId == null ? directory.nameOf(null) : names.computeIfAbsent(userId, directory::nameOf);
    }

    /** Whether the collection's access list has reached this service, once per collection. */
    boolean knows(UUID collectionId) {
        return collectionId != null && known.computeIfAbsent(collectionId, readers::knows);
    }

    /** {@link CardReaders#mayBeTold}, with each person's readable collections read once. */
    boolean mayBeTold(String userId, UUID collectionId, boolean namedByTheEvent) {
        if (!knows(collectionId)) {
            return namedByTheEvent;
        }
        return readable.computeIfAbsent(userId, readers::readableBy).contains(collectionId);
    }
}
