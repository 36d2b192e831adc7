package dev.verity.notification.service;

import dev.verity.events.CardEvent;
import dev.verity.events.CardEventTypes;
import dev.verity.events.CardSnapshot;
import dev.verity.notification.domain.CardVerifier;
import dev.verity.notification.domain.Notification;
import dev.verity.platform.inbox.Inbox;
import dev.verity.platform.problem.ProblemException;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/** Notifications: created from card events, read and acknowledged by their recipient. */
@ApplicationScoped
public class NotificationService {

    /** This service's name in the inbox: each event id is applied once per consumer. */
    public static final String CONSUMER = "notification-service";

    private static final Logger LOG = Logger.getLogger(NotificationService.class);
    private static final Sort NEWEST_FIRST = Sort.descending("createdAt", "id");

    private final Inbox inbox;
    private final Clock clock;

    NotificationService(Inbox inbox, Clock clock) {
        this.inbox = inbox;
        this.clock = clock;
    }

    /**
     * Applies one card event, once: the inbox claim, the verifier memory and the notification commit together, so
     * a redelivered event id never notifies twice. Whoever is verifier when a card is first seen is told; after
     * that only a newer version that names a different verifier tells the new one.
     */
    @Transactional
    public void apply(String eventId, CardEvent event, String type) {
        if (!inbox.claim(CONSUMER, eventId)) {
            LOG.debugf("event %s (%s) already applied; skipping the redelivery", eventId, type);
            return;
        }
        CardSnapshot card = event.card();
        String verifier = card.verifierId() == null || card.verifierId().isBlank() ? card.authorId()
                : card.verifierId();
        // locked so a second instance that briefly holds the same partition during a rebalance waits for us
        CardVerifier known = CardVerifier.findById(card.id(), LockModeType.PESSIMISTIC_WRITE);
        if (known == null) {
            CardVerifier.of(card.id(), verifier, card.version()).persist();
        } else if (!known.advanceTo(card.version(), verifier)) {
            LOG.debugf("card %s v%d (%s): no new verifier as of v%d; nobody to tell", card.id(), card.version(), type,
                    known.cardVersion);
            return;
        }
        Notification.verificationAssigned(verifier, event, CardEventTypes.CREATED.equals(type)).persist();
    }

    /** The recipient's notifications, newest first; {@code unread} null means read and unread alike. */
    public List<Notification> list(String recipientId, Boolean unread, int limit) {
        String where = "recipientId = ?1";
        if (unread != null) {
            where += unread ? " and readAt is null" : " and readAt is not null";
        }
        return Notification.<Notification>find(where, NEWEST_FIRST, recipientId).page(0, limit).list();
    }

    public long unreadCount(String recipientId) {
        return Notification.count("recipientId = ?1 and readAt is null", recipientId);
    }

    /** Someone else's notification is "not found" too: its existence is nobody else's business. */
    @Transactional
    public Notification markRead(String recipientId, UUID id) {
        Notification notification = Notification.findById(id);
        if (notification == null || !notification.recipientId.equals(recipientId)) {
            throw ProblemException.notFound("notification", id);
        }
        notification.markRead(now());
        return notification;
    }

    /** Returns how many were unread. */
    @Transactional
    public int markAllRead(String recipientId) {
        return Notification.update("readAt = ?1 where recipientId = ?2 and readAt is null", now(), recipientId);
    }

    /** PostgreSQL keeps microseconds: truncating here makes the first answer equal every later read. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
