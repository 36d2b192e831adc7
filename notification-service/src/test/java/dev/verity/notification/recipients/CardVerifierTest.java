package dev.verity.notification.recipients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.UUID;
import org.junit.jupiter.api.Test;

/** When a card event means "someone new to tell", without a database. */
class CardVerifierTest {

    @Test
    void aNewerVersionWithAnotherVerifierIsAReassignment() {
        CardVerifier known = CardVerifier.of(UUID.randomUUID(), "vera", 1);

        assertTrue(known.advanceTo(3, "otto"));
        assertEquals("otto", known.verifierId);
        assertEquals(3, known.cardVersion);
    }

    @Test
    void aNewerVersionWithTheSameVerifierIsNoNews() {
        CardVerifier known = CardVerifier.of(UUID.randomUUID(), "vera", 1);

        assertFalse(known.advanceTo(2, "vera"));
        assertEquals(2, known.cardVersion);
    }

    @Test
    void olderAndEqualVersionsChangeNothing() {
        CardVerifier known = CardVerifier.of(UUID.randomUUID(), "otto", 4);

        assertFalse(known.advanceTo(3, "olga"));
        assertFalse(known.advanceTo(4, "olga"));
        assertEquals("otto", known.verifierId);
        assertEquals(4, known.cardVersion);
    }

    @Test
    void anArchivedVersionMovesTheVersionOnButKeepsTheVerifierLastTold() {
        CardVerifier known = CardVerifier.of(UUID.randomUUID(), "vera", 1);

        known.passArchived(2);
        assertEquals("vera", known.verifierId);
        assertEquals(2, known.cardVersion);
        known.passArchived(1);
        assertEquals(2, known.cardVersion);

        // restored naming otto, who was made verifier while the card was archived: news
        assertTrue(known.advanceTo(3, "otto"));
    }

    @Test
    void aCardFirstSeenArchivedHasToldNobodySoItsRestoreTellsTheVerifier() {
        CardVerifier known = CardVerifier.of(UUID.randomUUID(), null, 4);

        assertTrue(known.advanceTo(5, "vera"));
    }
}
