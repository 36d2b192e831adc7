package dev.verity.card.capture;

import dev.verity.card.cards.Card;
import dev.verity.card.cards.CardDraft;
import dev.verity.card.cards.CardService;
import dev.verity.card.cards.CardStatus;
import dev.verity.card.content.ChatMessage;
import dev.verity.card.content.SlackMarkdown;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.UUID;

/** Turns a chat thread into a DRAFT card: knowledge captured where it is created, then polished by an author. */
@ApplicationScoped
public class CaptureService {

    private final CardService cards;

    CaptureService(CardService cards) {
        this.cards = cards;
    }

    public record Capture(UUID collectionId, List<UUID> folderIds, String title, List<String> tags, ChatMessage root,
            List<ChatMessage> replies, String channel, String permalink) {
    }

    @Transactional
    public Card capture(Capture capture, String actor) {
        String body = SlackMarkdown.threadToMarkdown(capture.root(), capture.replies(), capture.channel(),
                capture.permalink());
        String title = capture.title() != null ? capture.title() : SlackMarkdown.titleFrom(capture.root().text());
        String summary = "Captured from chat" + (capture.channel() == null ? "" : " #" + capture.channel().replaceFirst("^#", ""));
        CardDraft draft = new CardDraft(title, body, capture.tags(), CardStatus.DRAFT, null, null, null, null,
                capture.permalink(), summary);
        return cards.create(capture.collectionId(), capture.folderIds(), draft, actor);
    }
}
