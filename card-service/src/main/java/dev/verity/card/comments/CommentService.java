package dev.verity.card.comments;

import dev.verity.card.cards.Card;
import dev.verity.card.cards.CardRepository;
import dev.verity.card.collections.CollectionRoles;
import dev.verity.card.collections.Role;
import dev.verity.card.content.Mentions;
import dev.verity.card.directory.Directory;
import dev.verity.events.CommentEvent;
import dev.verity.events.CommentEventTypes;
import dev.verity.events.Topics;
import dev.verity.platform.http.PageCursor;
import dev.verity.platform.outbox.Outbox;
import dev.verity.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Comments on cards. Anyone who can see a card may comment ("flag it"); authors edit their own comments; the
 * comment's author or a card AUTHOR resolves and reopens; the author or a COLLECTION_OWNER deletes. Only
 * {@code @ids} of directory users who can see the card count as mentions, so a stray "@" never notifies anyone
 * and nobody learns of a card they may not read.
 */
@ApplicationScoped
public class CommentService {

    private final CommentRepository comments;
    private final CardRepository cards;
    private final CollectionRoles access;
    private final Directory directory;
    private final Outbox outbox;
    private final Clock clock;

    CommentService(CommentRepository comments, CardRepository cards, CollectionRoles access, Directory directory,
            Outbox outbox, Clock clock) {
        this.comments = comments;
        this.cards = cards;
        this.access = access;
        this.directory = directory;
        this.outbox = outbox;
        this.clock = clock;
    }

    @Transactional
    public Comment add(UUID cardId, String body, String actor) {
        Card card = card(cardId);
        access.require(card.collectionId, Role.READ_ONLY, "card " + cardId);
        Instant now = clock.instant();
        Comment comment = new Comment();
        comment.id = UUID.randomUUID();
        comment.cardId = cardId;
        comment.version = 1;
        comment.authorId = actor;
        comment.body = body.strip();
        comment.mentions = mentionsIn(card, comment.body);
        comment.status = Comment.Status.OPEN;
        comment.createdAt = now;
        comment.updatedAt = now;
        comments.persist(comment);
        publish(CommentEventTypes.ADDED, card, comment, comment.mentions, actor);
        return comment;
    }

    @Transactional
    public Comment edit(UUID cardId, UUID commentId, String body, String actor) {
        Card card = card(cardId);
        access.require(card.collectionId, Role.READ_ONLY, "card " + cardId);
        Comment comment = locked(cardId, commentId);
        if (!comment.authorId.equals(actor)) {
            throw ProblemException.forbidden("only " + comment.authorId + " can edit their comment");
        }
        List<String> before = comment.mentions;
        comment.body = body.strip();
        comment.mentions = mentionsIn(card, comment.body);
        List<String> added = new ArrayList<>(comment.mentions);
        added.removeAll(before);
        touch(comment);
        publish(CommentEventTypes.EDITED, card, comment, added, actor);
        return comment;
    }

    @Transactional
    public Comment resolve(UUID cardId, UUID commentId, boolean resolved, String actor) {
        Card card = card(cardId);
        Role role = access.require(card.collectionId, Role.READ_ONLY, "card " + cardId);
        Comment comment = locked(cardId, commentId);
        if (!comment.authorId.equals(actor) && !role.includes(Role.AUTHOR)) {
            throw ProblemException.forbidden("only the comment's author or an AUTHOR of the collection can "
                    + (resolved ? "resolve" : "reopen") + " it").with("requiredRole", Role.AUTHOR.name());
        }
        Comment.Status target = resolved ? Comment.Status.RESOLVED : Comment.Status.OPEN;
        if (comment.status == target) {
            throw ProblemException.conflict("comment " + commentId + " is already " + target);
        }
        comment.status = target;
        comment.resolvedBy = resolved ? actor : null;
        comment.resolvedAt = resolved ? clock.instant() : null;
        touch(comment);
        publish(resolved ? CommentEventTypes.RESOLVED : CommentEventTypes.REOPENED, card, comment, List.of(), actor);
        return comment;
    }

    @Transactional
    public void delete(UUID cardId, UUID commentId, String actor) {
        Card card = card(cardId);
        Role role = access.require(card.collectionId, Role.READ_ONLY, "card " + cardId);
        Comment comment = locked(cardId, commentId);
        if (!comment.authorId.equals(actor) && !role.includes(Role.COLLECTION_OWNER)) {
            throw ProblemException.forbidden("only the comment's author or a COLLECTION_OWNER can delete it")
                    .with("requiredRole", Role.COLLECTION_OWNER.name());
        }
        touch(comment);
        publish(CommentEventTypes.DELETED, card, comment, List.of(), actor);
        comments.delete(comment);
    }

    /** Oldest first, as a conversation reads. */
    public List<Comment> list(UUID cardId, Comment.Status status, PageCursor after, int limit) {
        Card card = card(cardId);
        access.require(card.collectionId, Role.READ_ONLY, "card " + cardId);
        return comments.page(cardId, status, after, limit);
    }

    /**
     * Directory users mentioned who can see the card: a mention of someone without access would leak the card
     * (its title travels in the notification), so it stays plain text.
     */
    private List<String> mentionsIn(Card card, String body) {
        List<String> candidates = Mentions.in(body);
        Set<String> known = directory.knownUsers(candidates);
        return new ArrayList<>(candidates.stream().filter(known::contains)
                .filter(user -> access.directoryUserCanSee(card.collectionId, user)).toList());
    }

    private Card card(UUID cardId) {
        Card card = cards.findById(cardId);
        if (card == null) {
            throw ProblemException.notFound("card", cardId);
        }
        return card;
    }

    private Comment locked(UUID cardId, UUID commentId) {
        Comment comment = comments.findById(commentId, LockModeType.PESSIMISTIC_WRITE);
        if (comment == null || !comment.cardId.equals(cardId)) {
            throw ProblemException.notFound("comment", commentId + " on card " + cardId);
        }
        return comment;
    }

    private void touch(Comment comment) {
        comment.version++;
        comment.updatedAt = clock.instant();
    }

    private void publish(String type, Card card, Comment comment, List<String> newMentions, String actor) {
        CommentEvent event = new CommentEvent(card.id, card.version, card.title, card.collectionId, actor,
                comment.updatedAt, comment.snapshot(), List.copyOf(newMentions));
        outbox.publish(Topics.COMMENTS, card.id.toString(), type, card.id.toString(), event);
    }
}
