package dev.verity.notification.directory;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** When an event of a removed user or group is news rather than history, without a database. */
class RemovedPrincipalTest {

    private static final Instant REMOVED_AT = Instant.parse("2026-01-01T10:00:00Z");

    private static RemovedPrincipal removedAtVersion3() {
        RemovedPrincipal removed = RemovedPrincipal.of("GROUP", "experts");
        removed.version = 3;
        removed.removedAt = REMOVED_AT;
        return removed;
    }

    @Test
    void olderEventsFromBeforeTheRemovalAreHistory() {
        assertFalse(removedAtVersion3().isOverriddenBy(2, false, REMOVED_AT.minusSeconds(60)));
        assertFalse(removedAtVersion3().isOverriddenBy(3, false, REMOVED_AT));
        assertFalse(removedAtVersion3().isOverriddenBy(3, true, REMOVED_AT.plusSeconds(60)));
    }

    @Test
    void aNewerVersionOrARecreationAfterTheRemovalIsNews() {
        assertTrue(removedAtVersion3().isOverriddenBy(4, false, REMOVED_AT.minusSeconds(60)));
        assertTrue(removedAtVersion3().isOverriddenBy(4, true, REMOVED_AT.plusSeconds(60)));
        // the directory starts versions over when an id is used again
        assertTrue(removedAtVersion3().isOverriddenBy(1, false, REMOVED_AT.plusSeconds(60)));
    }
}
