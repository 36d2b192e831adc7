package dev.verity.card.cards;

import jakarta.enterprise.context.ApplicationScoped;
import java.security.SecureRandom;

/**
 * The random part of a slug ({@code refund-policy-k3x9q2}): six base-36 characters. A bean of its own so a test can
 * make two cards draw the same suffix and see the collision resolved.
 */
@ApplicationScoped
public class SlugSuffixes {

    static final int LENGTH = 6;
    private static final SecureRandom RANDOM = new SecureRandom();

    public String next() {
        StringBuilder suffix = new StringBuilder(LENGTH);
        for (int i = 0; i < LENGTH; i++) {
            suffix.append(Character.forDigit(RANDOM.nextInt(36), 36));
        }
        return suffix.toString();
    }
}
