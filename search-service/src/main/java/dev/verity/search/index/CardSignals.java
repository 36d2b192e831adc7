package dev.verity.search.index;

/**
 * What search-service knows of a card beyond its snapshot, merged into its document whenever it is written: the
 * verification state (from verification-service's events) and its popularity (from the clicks on search hits).
 *
 * @param popularity how many different people opened the card from a search in the popularity window
 */
public record CardSignals(VerificationState verification, int popularity) {

    public static final CardSignals NONE = new CardSignals(VerificationState.UNKNOWN, 0);
}
