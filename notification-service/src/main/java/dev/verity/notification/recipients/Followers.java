package dev.verity.notification.recipients;

import java.util.List;
import java.util.UUID;

/**
 * Who follows a card, as {@code follows} keeps it. Declared here and provided there, so that who-hears-what asks
 * without depending on the package that itself asks this one who may read a card.
 */
public interface Followers {

    /** The ids of the users following the card, in no particular order. */
    List<String> following(UUID cardId);
}
