package dev.verity.card.cards;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SlugAllocationTest {

    private static Deque<String> draws(String... suffixes) {
        return new ArrayDeque<>(List.of(suffixes));
    }

    @Test
    void oneQueryForTheWholeBatchWhenNothingCollides() {
        List<Set<String>> queries = new ArrayList<>();
        Deque<String> draws = draws("aaaaa1", "aaaaa2", "aaaaa3");
        String[] slugs = SlugAllocation.allocate(List.of("Refunds", "Refunds", "Crème brûlée"), draws::poll,
                candidates -> {
                    queries.add(Set.copyOf(candidates));
                    return Set.of();
                });
        assertArrayEquals(new String[] {"refunds-aaaaa1", "refunds-aaaaa2", "creme-brulee-aaaaa3"}, slugs);
        assertEquals(1, queries.size());
    }

    @Test
    void aSlugTakenByAnExistingCardOrByAnEarlierCardOfTheBatchIsDrawnAgain() {
        List<Set<String>> queries = new ArrayList<>();
        Set<String> existing = Set.of("refunds-taken1");
        // card 1 draws an existing slug, card 2 card 1's, card 3 is fine; then 1 and 2 draw the same again
        Deque<String> draws = draws("taken1", "taken1", "free03", "again1", "again1", "free02");
        String[] slugs = SlugAllocation.allocate(List.of("Refunds", "Refunds", "Refunds"), draws::poll,
                candidates -> {
                    queries.add(Set.copyOf(candidates));
                    Set<String> used = new HashSet<>(candidates);
                    used.retainAll(existing);
                    return used;
                });
        assertArrayEquals(new String[] {"refunds-again1", "refunds-free02", "refunds-free03"}, slugs);
        assertEquals(List.of(Set.of("refunds-taken1", "refunds-free03"), Set.of("refunds-again1"),
                Set.of("refunds-free02")), queries, "only the cards still without a slug are checked again");
        assertEquals(0, draws.size());
    }

    @Test
    void aSuffixSourceThatOnlyRepeatsItselfEndsInAnErrorNotALoop() {
        assertThrows(IllegalStateException.class, () -> SlugAllocation.allocate(List.of("A"), () -> "same01",
                candidates -> candidates));
    }
}
