package dev.verity.notification.service;

import dev.verity.events.CardEvent;
import dev.verity.events.CardEventTypes;
import dev.verity.events.CardSnapshot;
import dev.verity.events.CardStatuses;
import dev.verity.events.CommentEvent;
import dev.verity.notification.domain.CardVerifier;
import dev.verity.notification.domain.DirectoryGroup;
import dev.verity.notification.domain.DirectoryUser;
import dev.verity.notification.domain.Notification;
import dev.verity.notification.metrics.NotificationMetrics;
import dev.verity.platform.problem.ProblemException;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/** Notifications: created from card and comment events, read and acknowledged by their recipient. */
@ApplicationScoped
public class NotificationService {

    /** This service's name in the inbox: each event id is applied once per consumer. */
    public static final String CONSUMER = "notification-service";
    /** The comment consumer's name in the inbox. */
    public static final String COMMENTS_CONSUMER = "notification-service/comments";

    /** The card status in which nobody is told anything about a card. */

    private static final Logger LOG = Logger.getLogger(NotificationService.class);
    private static final Sort NEWEST_FIRST = Sort.descending("createdAt", "id");

    private final Clock clock;
    private final NotificationMetrics metrics;

    NotificationService(Clock clock, NotificationMetrics metrics) {
        this.clock = clock;
        this.metrics = metrics;
    }

    /**
     * Applies one card event, once: the inbox claim, the verifier memory and the notifications commit together, so
     * a redelivered event id never notifies twice. Whoever is verifier when a live card is first seen is told; after
     * that only a newer version that names a different verifier tells the new one. Nobody is told about an archived
     * (or deleted) card; a verifier named while it was archived is told when it is restored.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void apply(String eventId, CardEvent event, String type) {
        CardSnapshot card = event.card();
        String verifier = card.verifierId() == null || card.verifierId().isBlank() ? card.authorId()
                : card.verifierId();
        boolean archived = CardStatuses.ARCHIVED.equals(card.status());
        // locked so a second instance that briefly holds the same partition during a rebalance waits for us
        CardVerifier known = CardVerifier.findById(card.id(), LockModeType.PESSIMISTIC_WRITE);
        if (known == null) {
            CardVerifier.of(card.id(), archived ? null : verifier, card.version()).persist();
            if (archived) {
                return;
            }
        } else if (archived) {
            known.passArchived(card.version());
            return;
        } else if (!known.advanceTo(card.version(), verifier)) {
            LOG.debugf("card %s v%d (%s): no new verifier as of v%d; nobody to tell", card.id(), card.version(), type,
                    known.cardVersion);
            return;
        }
        tellVerifier(verifier, event, CardEventTypes.CREATED.equals(type));
    }

    /**
     * A group known to the directory is told through each of its members; any other id (a user, or a group the
     * directory has not told us about) is told as is, which is all that can be done with it.
     */
    private void tellVerifier(String verifier, CardEvent event, boolean cardCreated) {
        DirectoryGroup group = DirectoryGroup.findById(verifier);
        if (group == null) {
            if (DirectoryUser.findById(verifier) == null) {
                LOG.infof("card %s: verifier %s is no group or user known to the directory; notifying the id as is",
                        event.cardId(), verifier);
            }
            toInbox(Notification.verificationAssigned(verifier, event, cardCreated, null));
            return;
        }
        if (group.memberIds.isEmpty()) {
            LOG.warnf("card %s: verifier group %s has no members; nobody to tell", event.cardId(), verifier);
        }
        for (String member : group.memberIds) {
            toInbox(Notification.verificationAssigned(member, event, cardCreated, group.name));
        }
    }

    /**
     * Applies one comment event, once: everyone it newly mentions is told, except its actor, who wrote or edited
     * the comment (nobody needs telling that they mentioned themselves).
     *
     * @param edited whether the mentions came with an edit ({@code comment.edited}) rather than a new comment
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void applyMentions(String eventId, CommentEvent event, boolean edited) {
        String actorName = DirectoryUser.<DirectoryUser>findByIdOptional(event.actorId()).map(user -> user.name)
                .orElse(event.actorId());
        for (String mentioned : new LinkedHashSet<>(event.newMentions())) {
            if (!mentioned.equals(event.actorId())) {
                toInbox(Notification.mentioned(mentioned, event, actorName, edited));
            }
        }
    }

    private void toInbox(Notification notification) {
        notification.persist();
        metrics.count(notification.type.name(), NotificationMetrics.INBOX, NotificationMetrics.DELIVERED);
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
