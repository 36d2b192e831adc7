package dev.verity.search.index;

/**
 * How strictly a query's words must match. A search tries them in order, each only when the one before found too
 * little; the cursor of a page remembers its pass, so the next page continues the same result list.
 */
public enum SearchPass {
    /** Every word, as written or in an English or Italian form. */
    EXACT,
    /** Every word, typos tolerated (one edit in words of 4–7 letters, two from 8, never in the first letter). */
    TYPOS,
    /**
     * All words but one, typos tolerated: when no card holds every word of a query of {@link #MIN_WORDS} or more, a
     * card holding all but one is a better answer than nothing (a word the cards never use, a typo too far). Cards
     * holding more of the words rank higher.
     */
    MOST_WORDS;

    /** Queries shorter than this never drop a word: dropping one of two changes what was asked. */
    public static final int MIN_WORDS = 3;

    boolean fuzzy() {
        return this != EXACT;
    }
}
