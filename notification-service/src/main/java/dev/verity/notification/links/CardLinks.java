package dev.verity.notification.links;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/** The frontend's address of a card, as every channel that links to one (email, chat) writes it. */
@ApplicationScoped
public class CardLinks {

    private final String base;

    CardLinks(LinkConfig config) {
        this.base = config.baseUrl().endsWith("/") ? config.baseUrl().substring(0, config.baseUrl().length() - 1)
                : config.baseUrl();
    }

    /** The card's page; the frontend's front page for a notification about no card. */
    public String of(UUID cardId) {
        return cardId == null ? base + "/" : base + "/cards/" + cardId;
    }
}
