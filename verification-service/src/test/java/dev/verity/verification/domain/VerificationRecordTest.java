package dev.verity.verification.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.verity.events.CardSnapshot;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The due-date rule and the version guard, without a database. */
class VerificationRecordTest {

    private static final UUID CARD = UUID.randomUUID();
    private static final Instant CREATED = Instant.parse("2026-01-10T09:00:00Z");
    private static final Instant NOW = Instant.parse("2026-02-01T12:00:00Z");

    private static final UUID COLLECTION = UUID.randomUUID();

    private static CardSnapshot card(long version, String title, String verifierId, int intervalDays) {
        return card(version, title, verifierId, intervalDays, "PUBLISHED", null);
    }

    private static CardSnapshot card(long version, String title, String verifierId, int intervalDays, String status,
            LocalDate verifyOn) {
        return new CardSnapshot(CARD, version, title, "body", List.of(), status, "alice", verifierId,
                intervalDays, CREATED, CREATED.plusSeconds(version), COLLECTION, List.of(), "refunds", "alice", null,
                verifyOn);
    }

    @Test
    void dueDateIsWholeDaysAfterTheLastVerification() {
        assertEquals(Instant.parse("2026-04-10T09:00:00Z"), VerificationRecord.dueAfter(CREATED, 90));
        assertEquals(Instant.parse("2026-01-11T09:00:00Z"), VerificationRecord.dueAfter(CREATED, 1));
        // leap day counts: 2028 is a leap year
        assertEquals(Instant.parse("2028-03-01T00:00:00Z"),
                VerificationRecord.dueAfter(Instant.parse("2028-02-01T00:00:00Z"), 29));
        // instants have no daylight-saving jumps: always 24 h per day
        assertEquals(Instant.parse("2026-03-30T00:30:00Z"),
                VerificationRecord.dueAfter(Instant.parse("2026-03-29T00:30:00Z"), 1));
        assertEquals(Instant.parse("2027-01-10T09:00:00Z"), VerificationRecord.dueAfter(CREATED, 365));
    }

    @Test
    void intervalsBelowOneDayAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> VerificationRecord.dueAfter(CREATED, 0));
    }

    @Test
    void aNewCardIsVouchedForByItsAuthorAtCreation() {
        VerificationRecord record = VerificationRecord.startFor(card(1, "Refunds", "vera", 90), NOW);

        assertEquals(CARD, record.cardId);
        assertEquals(1, record.cardVersion);
        assertEquals("vera", record.verifierId);
        assertEquals(VerificationStatus.VERIFIED, record.status);
        assertEquals(CREATED, record.lastVerifiedAt);
        assertEquals("alice", record.lastVerifiedBy);
        assertEquals(Instant.parse("2026-04-10T09:00:00Z"), record.nextDueAt);
        assertEquals(NOW, record.createdAt);
        assertEquals(NOW, record.updatedAt);
        assertEquals(COLLECTION, record.collectionId);
        assertEquals(RecordState.ACTIVE, record.state);
        assertNull(record.archivedAt);
        assertNull(record.verifyOn);
    }

    @Test
    void missingVerifierAndIntervalFallBackToAuthorAndNinetyDays() {
        VerificationRecord record = VerificationRecord.startFor(card(1, "Refunds", null, 0), NOW);

        assertEquals("alice", record.verifierId);
        assertEquals(90, record.intervalDays);
        assertEquals(Instant.parse("2026-04-10T09:00:00Z"), record.nextDueAt);
    }

    @Test
    void aNewerVersionUpdatesTitleVerifierAndScheduleFromTheLastVerification() {
        VerificationRecord record = VerificationRecord.startFor(card(1, "Refunds", "vera", 90), CREATED);

        assertTrue(record.applyNewer(card(2, "Refunds (EU)", "victor", 30), NOW));

        assertEquals(2, record.cardVersion);
        assertEquals("Refunds (EU)", record.cardTitle);
        assertEquals("victor", record.verifierId);
        assertEquals(30, record.intervalDays);
        assertEquals(CREATED, record.lastVerifiedAt);
        assertEquals(Instant.parse("2026-02-09T09:00:00Z"), record.nextDueAt);
        assertEquals(NOW, record.updatedAt);
    }

    @Test
    void anOlderOrEqualVersionChangesNothing() {
        VerificationRecord record = VerificationRecord.startFor(card(3, "v3", "vera", 90), CREATED);

        assertFalse(record.applyNewer(card(2, "v2", "victor", 30), NOW));
        assertFalse(record.applyNewer(card(3, "v3 again", "victor", 30), NOW));

        assertEquals(3, record.cardVersion);
        assertEquals("v3", record.cardTitle);
        assertEquals("vera", record.verifierId);
        assertEquals(90, record.intervalDays);
        assertEquals(CREATED, record.updatedAt);
    }

    @Test
    void aFixedVerifyOnDateIsTheDueDateInsteadOfTheInterval() {
        VerificationRecord record = VerificationRecord.startFor(
                card(1, "Refunds", "vera", 90, "PUBLISHED", LocalDate.of(2026, 3, 1)), NOW);

        assertEquals(LocalDate.of(2026, 3, 1), record.verifyOn);
        assertEquals(Instant.parse("2026-03-01T00:00:00Z"), record.nextDueAt);

        // dropping the date puts the interval back in charge, still measured from the last verification
        assertTrue(record.applyNewer(card(2, "Refunds", "vera", 30, "PUBLISHED", null), NOW));
        assertNull(record.verifyOn);
        assertEquals(Instant.parse("2026-02-09T09:00:00Z"), record.nextDueAt);
    }

    @Test
    void anArchivedVersionTakesTheRecordOutOfTheQueueAndKeepsIt() {
        VerificationRecord record = VerificationRecord.startFor(card(1, "Refunds", "vera", 90), CREATED);

        assertTrue(record.applyNewer(card(2, "Refunds", "vera", 90, "ARCHIVED", null), NOW));

        assertEquals(RecordState.ARCHIVED, record.state);
        assertFalse(record.isActive());
        assertEquals(CREATED.plusSeconds(2), record.archivedAt, "the archiving version's time");
        assertEquals(2, record.cardVersion);
        assertEquals(VerificationStatus.VERIFIED, record.status);

        // a later archived version (e.g. card.deleted's last state) keeps the first archiving time
        assertTrue(record.applyNewer(card(3, "Refunds (old)", "vera", 90, "ARCHIVED", null), NOW));
        assertEquals(CREATED.plusSeconds(2), record.archivedAt);
    }

    @Test
    void aRestoredCardComesBackDueFromItsLastVerificationUnderItsCurrentSchedule() {
        VerificationRecord record = VerificationRecord.startFor(card(1, "Refunds", "vera", 90), CREATED);
        record.applyNewer(card(2, "Refunds", "vera", 90, "ARCHIVED", null), NOW);

        assertTrue(record.applyNewer(card(3, "Refunds", "victor", 30, "DRAFT", null), NOW));

        assertEquals(RecordState.ACTIVE, record.state);
        assertNull(record.archivedAt);
        assertEquals("victor", record.verifierId);
        assertEquals(CREATED, record.lastVerifiedAt);
        assertEquals(Instant.parse("2026-02-09T09:00:00Z"), record.nextDueAt, "already overdue on restore: due now");
    }

    @Test
    void aCardFirstSeenArchivedStartsOutOfTheQueue() {
        VerificationRecord record = VerificationRecord.startFor(card(4, "Refunds", "vera", 90, "ARCHIVED", null),
                NOW);

        assertEquals(RecordState.ARCHIVED, record.state);
        assertEquals(CREATED.plusSeconds(4), record.archivedAt);
        assertEquals(Instant.parse("2026-04-10T09:00:00Z"), record.nextDueAt);
    }
}
