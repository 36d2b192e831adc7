package dev.verity.notification.follows;

import dev.verity.notification.recipients.CardVerifier;
import dev.verity.notification.recipients.CardReaders;
import dev.verity.notification.recipients.Followers;
import dev.verity.platform.access.Viewer;
import dev.verity.platform.http.PageCursor;
import dev.verity.platform.problem.ProblemException;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/**
 * Following cards. The service knows cards only from their events, so a card it has never seen is "not found":
 * following an id that names no card would silently never notify, and a card created a moment ago is found as soon
 * as its {@code card.created} has been applied (a client that just created it retries the 404 briefly).
 */
@ApplicationScoped
public class FollowService implements Followers {

    private final CardFollowerRepository followers;
    private final Clock clock;
    private final CardReaders readers;

    FollowService(CardFollowerRepository followers, Clock clock, CardReaders readers) {
        this.followers = followers;
        this.clock = clock;
        this.readers = readers;
    }

    /**
     * Idempotent: following again keeps the first time; two concurrent requests store one row. A card the caller
     * may not read is as unknown as a card never seen (its existence is not theirs to learn).
     */
    @Transactional
    public void follow(UUID cardId, Viewer viewer) {
        requireReadable(cardId, viewer);
        followers.follow(cardId, viewer.userId(), now());
    }

    /** Whether the caller follows the card (404 as {@link #follow} for a card they may not read). */
    @Transactional
    public FollowState state(UUID cardId, Viewer viewer) {
        requireReadable(cardId, viewer);
        CardFollower mine = CardFollower.<CardFollower>find("cardId = ?1 and userId = ?2", cardId, viewer.userId())
                .firstResult();
        return new FollowState(cardId, mine != null, mine == null ? null : mine.followedAt);
    }

    /** Idempotent: unfollowing a card one does not follow (or an unknown card) changes nothing. */
    @Transactional
    public void unfollow(UUID cardId, String userId) {
        CardFollower.delete("cardId = ?1 and userId = ?2", cardId, userId);
    }

    /** A page of the card's followers, longest-standing first, after {@code cursor} (null: from the start). */
    @Transactional
    public List<CardFollower> followers(UUID cardId, Viewer viewer, PageCursor cursor, int limit) {
        requireReadable(cardId, viewer);
        if (cursor == null) {
            return CardFollower.<CardFollower>find("cardId", Sort.ascending("followedAt", "id"), cardId)
                    .page(0, limit).list();
        }
        return CardFollower.<CardFollower>find(
                "cardId = ?1 and (followedAt > ?2 or (followedAt = ?2 and id > ?3))", Sort.ascending("followedAt", "id"),
                cardId, cursor.at(), cursor.id()).page(0, limit).list();
    }

    @Override
    public List<String> following(UUID cardId) {
        return CardFollower.<CardFollower>list("cardId", cardId).stream().map(follower -> follower.userId).toList();
    }

    private void requireReadable(UUID cardId, Viewer viewer) {
        CardVerifier card = CardVerifier.findById(cardId);
        if (card == null || !readers.mayRead(viewer, card.collectionId)) {
            throw new ProblemException(404, "not-found", "Not found", "card " + cardId
                    + " is not known here: notification-service has seen no event of it (yet),"
                    + " or you may not read it");
        }
    }

    /** PostgreSQL keeps microseconds: truncating here makes a cursor equal the stored value. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
