package dev.verity.notification.inbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.verity.events.CardEvent;
import dev.verity.events.CardSnapshot;
import dev.verity.events.CommentEvent;
import dev.verity.events.CommentSnapshot;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class NotificationTest {

    private static final UUID CARD = UUID.randomUUID();
    private static final Instant AT = Instant.parse("2026-01-10T09:00:00Z");
    private static final UUID COMMENT = UUID.randomUUID();

    private static CardEvent event(String actor, String verifier, int intervalDays) {
        return event(actor, verifier, intervalDays, null);
    }

    private static CardEvent event(String actor, String verifier, int intervalDays, LocalDate verifyOn) {
        CardSnapshot card = new CardSnapshot(CARD, 2, "Refunds", "b", List.of(), "PUBLISHED", "alice", verifier,
                intervalDays, AT.minusSeconds(60), AT, UUID.randomUUID(), List.of(), "refunds", "alice", null,
                verifyOn);
        return new CardEvent(CARD, 2, actor, AT, card);
    }

    private static CommentEvent comment(String actor, String body) {
        CommentSnapshot comment = new CommentSnapshot(COMMENT, 1, actor, body, List.of("mia"), "OPEN", AT, AT);
        return new CommentEvent(CARD, 7, "Refunds", UUID.randomUUID(), actor, AT, comment, List.of("mia"));
    }

    @Test
    void aNewCardTellsItsVerifierWhoCreatedItAndHowOftenItIsDue() {
        Notification n = Notification.verificationAssigned("vera", event("alice", "vera", 90), true, null);

        assertEquals("vera", n.recipientId);
        assertEquals(NotificationType.VERIFICATION_ASSIGNED, n.type);
        assertEquals(CARD, n.cardId);
        assertEquals(2, n.cardVersion);
        assertEquals("You verify “Refunds”", n.title);
        assertEquals("alice created a card you are the verifier of; it is due for verification every 90 days.",
                n.message);
        assertEquals(AT, n.createdAt);
        assertNull(n.readAt);
    }

    @Test
    void aReassignmentByTheNewVerifierThemselvesSaysYou() {
        Notification n = Notification.verificationAssigned("otto", event("otto", "otto", 1), false, null);

        assertEquals("You changed a card you are now the verifier of; it is due for verification every day.",
                n.message);
    }

    @Test
    void markingReadKeepsTheFirstTime() {
        Notification n = Notification.verificationAssigned("vera", event("alice", "vera", 90), true, null);
        n.markRead(AT.plusSeconds(5));
        n.markRead(AT.plusSeconds(50));

        assertEquals(AT.plusSeconds(5), n.readAt);
    }

    @Test
    void aGroupMemberIsToldTheirGroupVerifiesTheCard() {
        Notification n = Notification.verificationAssigned("mia", event("alice", "experts", 30), false,
                "Billing experts");

        assertEquals("mia", n.recipientId);
        assertEquals("You verify “Refunds”", n.title);
        assertEquals("alice changed a card your group Billing experts is now the verifier of; it is due for"
                + " verification every 30 days.", n.message);
    }

    @Test
    void aFixedVerifyOnDateIsTheDueDateTheVerifierIsToldOf() {
        Notification n = Notification.verificationAssigned("vera",
                event("alice", "vera", 90, LocalDate.of(2026, 6, 30)), true, null);

        assertEquals("alice created a card you are the verifier of; it is due for verification by 2026-06-30.",
                n.message);
    }

    @Test
    void aMentionNamesTheCardLinksTheCommentAndQuotesItOnOneLine() {
        Notification n = Notification.mentioned("mia", comment("carl", "  Hi @mia,\n\ncan you check?  "),
                "Carl Jones", false);

        assertEquals("mia", n.recipientId);
        assertEquals(NotificationType.MENTIONED, n.type);
        assertEquals(CARD, n.cardId);
        assertEquals(7, n.cardVersion);
        assertEquals(COMMENT, n.commentId);
        assertEquals("You were mentioned on “Refunds”", n.title);
        assertEquals("Carl Jones mentioned you: “Hi @mia, can you check?”", n.message);
        assertEquals(AT, n.createdAt);
        assertNull(n.readAt);
    }

    @Test
    void aLongCommentIsQuotedInPartAndAnEditSaysSo() {
        Notification n = Notification.mentioned("mia", comment("carl", "x".repeat(500)), "carl", true);

        assertEquals("carl mentioned you in an edited comment: “" + "x".repeat(199) + "…”", n.message);
    }
}
