package dev.verity.card.cards;

import dev.verity.card.collections.Collection;
import dev.verity.card.collections.CollectionRepository;
import dev.verity.card.content.MarkdownRenderer;
import dev.verity.platform.http.VersionTags;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;

/**
 * Shapes a card for the API with its collection's display settings: the stored {@code bodyHtml} is rendered once
 * at write time, and a collection that does not allow external images gets them as links when read, so changing
 * the setting takes effect at once for every card.
 */
@ApplicationScoped
public class CardViews {

    private final CollectionRepository collections;

    CardViews(CollectionRepository collections) {
        this.collections = collections;
    }

    public CardResponse of(Card card) {
        Collection collection = collections.findById(card.collectionId);
        boolean images = collection != null && collection.allowExternalImages;
        return CardResponse.of(card, images ? card.bodyHtml : MarkdownRenderer.withoutExternalImages(card.bodyHtml));
    }

    /** 200 with the card and its version as the ETag. */
    public Response ok(Card card) {
        return Response.ok(of(card)).tag(VersionTags.of(card.version)).build();
    }
}
