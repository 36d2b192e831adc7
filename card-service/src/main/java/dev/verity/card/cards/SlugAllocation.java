package dev.verity.card.cards;

import dev.verity.card.content.Slugs;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Unique slugs for many new cards at once: every card draws a random suffix, the whole set of candidates is checked
 * against the database in one query, and only the cards whose candidate was taken (by an existing card, or by an
 * earlier card of the same set) draw again. With six random base-36 characters a second round is rare and a third
 * practically never happens, so a batch costs one query, not one per card.
 */
final class SlugAllocation {

    /** Rounds before giving up: reached only if the suffix source keeps repeating itself. */
    static final int MAX_ROUNDS = 20;

    private SlugAllocation() {
    }

    /**
     * @param titles   the cards' titles, in order
     * @param suffixes where random suffixes come from
     * @param taken    of a set of candidate slugs, those already used (one database query)
     * @return one unique slug per title, in the same order, none of them taken nor repeated
     */
    static String[] allocate(List<String> titles, Supplier<String> suffixes, Function<Set<String>, Set<String>> taken) {
        int n = titles.size();
        String[] bases = new String[n];
        for (int i = 0; i < n; i++) {
            bases[i] = Slugs.slugify(titles.get(i));
        }
        String[] slugs = new String[n];
        Set<String> chosen = new HashSet<>();
        boolean[] open = new boolean[n];
        Arrays.fill(open, true);
        int remaining = n;
        for (int round = 0; remaining > 0; round++) {
            if (round == MAX_ROUNDS) {
                throw new IllegalStateException("no free slug after " + MAX_ROUNDS + " rounds of random suffixes");
            }
            // this round's candidates, none equal to another candidate or to a slug already chosen
            Set<String> candidates = new LinkedHashSet<>();
            for (int i = 0; i < n; i++) {
                if (open[i]) {
                    String candidate = Slugs.withSuffix(bases[i], suffixes.get());
                    slugs[i] = chosen.contains(candidate) || !candidates.add(candidate) ? null : candidate;
                }
            }
            Set<String> used = candidates.isEmpty() ? Set.of() : taken.apply(candidates);
            for (int i = 0; i < n; i++) {
                if (open[i] && slugs[i] != null && !used.contains(slugs[i])) {
                    chosen.add(slugs[i]);
                    open[i] = false;
                    remaining--;
                }
            }
        }
        return slugs;
    }
}
