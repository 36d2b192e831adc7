package dev.verity.notification.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.verity.events.CardEvent;
import dev.verity.events.CardSnapshot;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class NotificationTest {

    private static final UUID CARD = UUID.randomUUID();
    private static final Instant AT = Instant.parse("2026-01-10T09:00:00Z");

    private static CardEvent event(String actor, String verifier, int intervalDays) {
        CardSnapshot card = new CardSnapshot(CARD, 2, "Refunds", "b", List.of(), "PUBLISHED", "alice", verifier,
                intervalDays, AT.minusSeconds(60), AT);
        return new CardEvent(CARD, 2, actor, AT, card);
    }

    @Test
    void aNewCardTellsItsVerifierWhoCreatedItAndHowOftenItIsDue() {
        Notification n = Notification.verificationAssigned("vera", event("alice", "vera", 90), true);

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
        Notification n = Notification.verificationAssigned("otto", event("otto", "otto", 1), false);

        assertEquals("You changed a card you are now the verifier of; it is due for verification every day.",
                n.message);
    }

    @Test
    void markingReadKeepsTheFirstTime() {
        Notification n = Notification.verificationAssigned("vera", event("alice", "vera", 90), true);
        n.markRead(AT.plusSeconds(5));
        n.markRead(AT.plusSeconds(50));

        assertEquals(AT.plusSeconds(5), n.readAt);
    }
}
