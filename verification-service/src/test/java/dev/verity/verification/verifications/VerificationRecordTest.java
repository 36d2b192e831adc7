package dev.verity.verification.verifications;

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

/** The due-date rules, the verification state changes and the expiry work list, without a database. */
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

    private static VerificationRecord verifiedByAuthor(CardSnapshot card) {
        return VerificationRecord.startFor(card, VerificationRecord.verifierNamedBy(card),
                VerificationRecord.scheduleNamedBy(card), true, NOW);
    }

    @Test
    void dueDateIsWholeDaysAfterTheLastVerification() {
        assertEquals(Instant.parse("2026-04-10T09:00:00Z"), VerificationRecord.dueAfter(CREATED, 90));
        // leap day counts: 2028 is a leap year
        assertEquals(Instant.parse("2028-03-01T00:00:00Z"),
                VerificationRecord.dueAfter(Instant.parse("2028-02-01T00:00:00Z"), 29));
        // instants have no daylight-saving jumps: always 24 h per day
        assertEquals(Instant.parse("2026-03-30T00:30:00Z"),
                VerificationRecord.dueAfter(Instant.parse("2026-03-29T00:30:00Z"), 1));
        assertThrows(IllegalArgumentException.class, () -> VerificationRecord.dueAfter(CREATED, 0));
    }

    @Test
    void aFixedDateCountsWhileAheadThenTheIntervalTakesOverAndNeverIsNeverDue() {
        Schedule both = new Schedule(30, LocalDate.of(2026, 3, 1));
        assertEquals(Instant.parse("2026-03-01T00:00:00Z"), both.dueAfter(CREATED));
        // verified on the date itself: the date is spent, the interval counts from the verification
        assertEquals(Instant.parse("2026-03-31T00:00:00Z"), both.dueAfter(Instant.parse("2026-03-01T00:00:00Z")));
        assertNull(Schedule.on(LocalDate.of(2026, 3, 1)).dueAfter(Instant.parse("2026-03-02T00:00:00Z")));
        assertNull(Schedule.NEVER.dueAfter(CREATED));
        assertTrue(Schedule.NEVER.never());
    }

    @Test
    void aCardItsAuthorVerifiesStartsVerifiedAsOfCreationAndOnTheExpiryList() {
        VerificationRecord record = verifiedByAuthor(card(1, "Refunds", "alice", 90));

        assertEquals(VerificationStatus.VERIFIED, record.status);
        assertNull(record.unverifiedReason);
        assertEquals(CREATED, record.lastVerifiedAt);
        assertEquals("alice", record.lastVerifiedBy);
        assertEquals(Instant.parse("2026-04-10T09:00:00Z"), record.nextDueAt);
        assertEquals(record.nextDueAt, record.expiresAt);
        assertTrue(record.dueSoonPending);
        assertEquals(RecordState.ACTIVE, record.state);
    }

    @Test
    void aCardSomeoneElseVerifiesStartsUnverifiedNewDueAtCreationAndOffTheExpiryList() {
        CardSnapshot card = card(1, "Refunds", "vera", 90);
        VerificationRecord record = VerificationRecord.startFor(card, "vera", VerificationRecord.scheduleNamedBy(card),
                false, NOW);

        assertEquals(VerificationStatus.UNVERIFIED, record.status);
        assertEquals(UnverifiedReason.NEW, record.unverifiedReason);
        assertNull(record.lastVerifiedAt);
        assertEquals(CREATED, record.nextDueAt);
        assertNull(record.expiresAt);
        assertFalse(record.dueSoonPending);
    }

    @Test
    void missingVerifierAndIntervalFallBackToAuthorAndNinetyDays() {
        CardSnapshot card = card(1, "Refunds", null, 0);
        assertEquals("alice", VerificationRecord.verifierNamedBy(card));
        assertEquals(Schedule.every(90), VerificationRecord.scheduleNamedBy(card));
    }

    @Test
    void verifyingRenewsFromNowAndClearsFlags() {
        VerificationRecord record = verifiedByAuthor(card(1, "Refunds", "alice", 30));
        record.openFlags = 2;
        record.unverify(UnverifiedReason.FLAGGED, NOW);
        assertEquals(NOW, record.nextDueAt, "flagged: due now");
        assertNull(record.expiresAt);

        record.verify("alice", NOW);

        assertEquals(VerificationStatus.VERIFIED, record.status);
        assertNull(record.unverifiedReason);
        assertEquals(0, record.openFlags);
        assertEquals(Instant.parse("2026-03-03T12:00:00Z"), record.nextDueAt);
        assertEquals(record.nextDueAt, record.expiresAt);
        assertTrue(record.dueSoonPending, "a new due period has its own due-soon event");
    }

    @Test
    void unverifyingKeepsAnEarlierDueDate() {
        VerificationRecord record = verifiedByAuthor(card(1, "Refunds", "alice", 7));
        Instant due = record.nextDueAt;
        record.unverify(UnverifiedReason.EDITED_BY_NON_VERIFIER, NOW);
        assertEquals(due, record.nextDueAt, "already overdue before the edit");
    }

    @Test
    void aNewVerifierLeavesTheCardUnverifiedUntilTheyVerify() {
        VerificationRecord record = verifiedByAuthor(card(1, "Refunds", "alice", 90));

        assertTrue(record.changePolicy("victor", Schedule.every(30), NOW));

        assertEquals("victor", record.verifierId);
        assertEquals(30, record.intervalDays);
        assertEquals(2, record.policyVersion);
        assertEquals(VerificationStatus.UNVERIFIED, record.status);
        assertEquals(UnverifiedReason.VERIFIER_CHANGED, record.unverifiedReason);
        assertNull(record.expiresAt);
    }

    @Test
    void aNewScheduleMovesTheDueDateFromTheLastVerification() {
        VerificationRecord record = verifiedByAuthor(card(1, "Refunds", "alice", 90));

        assertFalse(record.changePolicy("alice", Schedule.every(14), NOW));

        assertEquals(VerificationStatus.VERIFIED, record.status);
        assertEquals(Instant.parse("2026-01-24T09:00:00Z"), record.nextDueAt);
        assertEquals(record.nextDueAt, record.expiresAt);
    }

    @Test
    void archivingTakesTheCardOffTheExpiryListAndRestoringBringsItBackAsItWas() {
        VerificationRecord record = verifiedByAuthor(card(1, "Refunds", "alice", 90));
        Instant due = record.nextDueAt;

        record.archive(NOW, NOW);
        assertEquals(RecordState.ARCHIVED, record.state);
        assertNull(record.expiresAt);
        assertEquals(due, record.nextDueAt);

        record.restore(NOW);
        assertEquals(RecordState.ACTIVE, record.state);
        assertEquals(VerificationStatus.VERIFIED, record.status);
        assertEquals(due, record.expiresAt);
    }

    @Test
    void editsAndPolicyChangesAreToldApartFromOtherChanges() {
        VerificationRecord record = verifiedByAuthor(card(1, "Refunds", "alice", 90));

        assertFalse(record.contentChangedIn(card(2, "Refunds", "alice", 90)));
        assertTrue(record.contentChangedIn(card(2, "Refunds (EU)", "alice", 90)));
        assertFalse(record.cardPolicyChangedIn(card(2, "Refunds (EU)", "alice", 90)));
        assertTrue(record.cardPolicyChangedIn(card(2, "Refunds", "victor", 90)));
        assertTrue(record.cardPolicyChangedIn(card(2, "Refunds", "alice", 90, "PUBLISHED", LocalDate.of(2026, 5, 1))));
        assertTrue(record.isOlderThan(card(2, "Refunds", "alice", 90)));
        assertFalse(record.isOlderThan(card(1, "Refunds", "alice", 90)));
    }

    @Test
    void expiringEndsTheDuePeriod() {
        VerificationRecord record = verifiedByAuthor(card(1, "Refunds", "alice", 90));

        record.expire(NOW);

        assertEquals(VerificationStatus.UNVERIFIED, record.status);
        assertEquals(UnverifiedReason.EXPIRED, record.unverifiedReason);
        assertNull(record.expiresAt);
        assertFalse(record.dueSoonPending);
    }
}
