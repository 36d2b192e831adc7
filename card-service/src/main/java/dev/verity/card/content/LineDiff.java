package dev.verity.card.content;

import com.github.difflib.algorithm.Change;
import com.github.difflib.algorithm.myers.MyersDiffWithLinearSpace;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A line-by-line comparison of two versions of a card body.
 *
 * <p>Reviewers need to see exactly what changed between versions before they verify a card. {@link #lines()}
 * is the whole text, every line exactly once, tagged as unchanged, added or removed with its old and new line
 * numbers, ready for a side-by-side or inline view; {@link #unified()} is the same change as a classic unified
 * diff (3 lines of context) for e-mails, logs and copy-paste.
 *
 * <p>Any reader can ask for a diff, so its cost is bounded whatever the texts. Lines shared at the start and the
 * end are matched first (one edit in a long text costs nothing more); java-diff-utils' linear-space Myers then
 * finds a shortest diff of the rest, but may spend only {@link #MAX_COMPARISONS} line comparisons (Myers is
 * quadratic on very different texts) and {@link #DEADLINE} of wall-clock time. Past either, the diff falls back
 * to matching the lines that occur exactly once in both texts (in order) and shows everything between those as
 * removed then added: still a correct diff, just not always the shortest, and {@link #approximate()} says so.
 *
 * <p>Lines are separated by {@code \n}; {@code \r\n} counts as {@code \n}, and a final line terminator does not
 * start an extra empty line (so {@code "a\nb"} and {@code "a\nb\n"} compare equal).
 *
 * <p>Immutable and thread-safe.
 *
 * @param lines every line of both versions in display order; a run of changed lines shows its removed lines
 *        before its added ones
 * @param added number of {@link Kind#ADDED} lines
 * @param removed number of {@link Kind#REMOVED} lines
 * @param unified unified diff text, lines joined with {@code \n}; empty when the texts are identical; cut after the
 *        last whole hunk that fits in {@link #MAX_UNIFIED_CHARS}, with a final line starting {@code \ } saying so
 * @param approximate true when the exact diff was too costly and {@link #lines()} may show more changed lines than
 *        needed (every line still appears once, in order, so the diff is correct, only not minimal)
 */
public record LineDiff(List<Line> lines, int added, int removed, String unified, boolean approximate) {

    /** Lines of context around each change in {@link #unified()}. */
    public static final int CONTEXT_LINES = 3;

    /**
     * Work the exact diff may do, counted in line comparisons: about 0.3 s of CPU at most (measured on hostile
     * 50,000-line texts; twice that at 20 million). Enough to stay exact for a hundred edits scattered over 50,000
     * lines, or for a complete rewrite of a 3,000-line text.
     */
    public static final long MAX_COMPARISONS = 10_000_000;

    /** Wall-clock backstop for the exact diff, should {@link #MAX_COMPARISONS} take far longer than it should. */
    public static final Duration DEADLINE = Duration.ofSeconds(1);

    /**
     * Most characters of hunks in {@link #unified()}. Two bodies of 100,000 characters cannot come near it (each
     * line appears at most once, plus a prefix and the hunk headers); it guards against larger texts.
     */
    public static final int MAX_UNIFIED_CHARS = 1_000_000;

    /** How a line takes part in the change. */
    public enum Kind { CONTEXT, ADDED, REMOVED }

    /**
     * One displayed line.
     *
     * @param kind whether the line is unchanged, added or removed
     * @param oldNumber 1-based line number in the old text; null for added lines
     * @param newNumber 1-based line number in the new text; null for removed lines
     * @param text the line without its terminator
     */
    public record Line(Kind kind, Integer oldNumber, Integer newNumber, String text) {
        public Line {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(text, "text");
            if ((oldNumber == null) != (kind == Kind.ADDED) || (newNumber == null) != (kind == Kind.REMOVED)) {
                throw new IllegalArgumentException(
                        "line numbers do not fit kind " + kind + ": old=" + oldNumber + ", new=" + newNumber);
            }
        }
    }

    public LineDiff {
        lines = List.copyOf(Objects.requireNonNull(lines, "lines"));
        Objects.requireNonNull(unified, "unified");
        if (added < 0 || removed < 0) {
            throw new IllegalArgumentException("counts must not be negative");
        }
    }

    /** An exact diff. */
    public LineDiff(List<Line> lines, int added, int removed, String unified) {
        this(lines, added, removed, unified, false);
    }

    /** True when the two texts have the same lines. */
    public boolean identical() {
        return added == 0 && removed == 0;
    }

    /**
     * Compares two texts.
     *
     * @param fromName label of the old version in the unified diff header (e.g. "v3")
     * @param from old text
     * @param toName label of the new version in the unified diff header (e.g. "v4")
     * @param to new text
     * @return the comparison
     * @throws IllegalArgumentException if any argument is null
     */
    public static LineDiff between(String fromName, String from, String toName, String to) {
        return between(fromName, from, toName, to, Bounds.DEFAULT);
    }

    /** What one comparison may cost; the public constants, or smaller ones in tests. */
    record Bounds(long maxComparisons, Duration deadline, int maxUnifiedChars) {
        static final Bounds DEFAULT = new Bounds(MAX_COMPARISONS, DEADLINE, MAX_UNIFIED_CHARS);
    }

    static LineDiff between(String fromName, String from, String toName, String to, Bounds bounds) {
        if (fromName == null || from == null || toName == null || to == null) {
            throw new IllegalArgumentException("names and texts must not be null");
        }
        List<String> oldLines = split(from);
        List<String> newLines = split(to);

        int prefix = 0;
        int shorter = Math.min(oldLines.size(), newLines.size());
        while (prefix < shorter && oldLines.get(prefix).equals(newLines.get(prefix))) {
            prefix++;
        }
        int suffix = 0;
        while (suffix < shorter - prefix && oldLines.get(oldLines.size() - 1 - suffix)
                .equals(newLines.get(newLines.size() - 1 - suffix))) {
            suffix++;
        }
        Region middle = new Region(prefix, oldLines.size() - suffix, prefix, newLines.size() - suffix);

        List<Region> changes;
        boolean approximate = false;
        if (middle.oldLength() == 0 && middle.newLength() == 0) {
            changes = List.of();
        } else if (middle.oldLength() == 0 || middle.newLength() == 0) {
            changes = List.of(middle);
        } else {
            LineIds ids = new LineIds(oldLines, newLines, middle);
            try {
                changes = shortest(ids, middle, bounds);
            } catch (BudgetSpent e) {
                changes = uniqueLinesMatched(ids, middle);
                approximate = true;
            }
        }
        return build(fromName, oldLines, toName, newLines, changes, approximate, bounds.maxUnifiedChars());
    }

    /**
     * Old lines {@code [oldStart, oldEnd)} against new lines {@code [newStart, newEnd)}, 0-based: the middle still to
     * compare, or in a result one run of changed lines (runs are in order, with unchanged lines between them).
     */
    private record Region(int oldStart, int oldEnd, int newStart, int newEnd) {
        int oldLength() {
            return oldEnd - oldStart;
        }

        int newLength() {
            return newEnd - newStart;
        }
    }

    /** The lines of the middle region as small integers, equal lines equal numbers: cheap to compare and count. */
    private static final class LineIds {
        final int[] oldIds;
        final int[] newIds;
        final int distinct;

        LineIds(List<String> oldLines, List<String> newLines, Region middle) {
            Map<String, Integer> ids = new HashMap<>();
            oldIds = new int[middle.oldLength()];
            for (int i = 0; i < oldIds.length; i++) {
                oldIds[i] = ids.computeIfAbsent(oldLines.get(middle.oldStart() + i), line -> ids.size());
            }
            newIds = new int[middle.newLength()];
            for (int i = 0; i < newIds.length; i++) {
                newIds[i] = ids.computeIfAbsent(newLines.get(middle.newStart() + i), line -> ids.size());
            }
            distinct = ids.size();
        }
    }

    /** Thrown by the counting comparison when the exact diff has had its share of work. */
    private static final class BudgetSpent extends RuntimeException {
        BudgetSpent() {
            super(null, null, false, false);
        }
    }

    /** A shortest diff of the middle, or {@link BudgetSpent}. */
    private static List<Region> shortest(LineIds ids, Region middle, Bounds bounds) {
        // Myers also walks diagonals outside the old x new rectangle without comparing anything; there are up to
        // (length difference / 2)^2 of those, which no comparison counter sees, so charge them up front.
        long skew = Math.abs(ids.oldIds.length - ids.newIds.length);
        long allowed = bounds.maxComparisons() - (skew / 2) * (skew / 2);
        if (allowed < 0) {
            throw new BudgetSpent();
        }
        long deadline = System.nanoTime() + bounds.deadline().toNanos();
        long[] comparisons = {0};
        MyersDiffWithLinearSpace<Integer> myers = new MyersDiffWithLinearSpace<>((a, b) -> {
            long n = ++comparisons[0];
            if (n > allowed || (n & 0xFFFF) == 0 && System.nanoTime() - deadline > 0) {
                throw new BudgetSpent();
            }
            return a.intValue() == b.intValue();
        });
        List<Change> script = myers.computeDiff(boxed(ids.oldIds), boxed(ids.newIds), null);

        // The script is single-line inserts and deletes, in either order; join touching ones into runs.
        List<Region> changes = new ArrayList<>();
        Region run = null;
        for (Change change : script) {
            Region next = new Region(middle.oldStart() + change.startOriginal, middle.oldStart() + change.endOriginal,
                    middle.newStart() + change.startRevised, middle.newStart() + change.endRevised);
            if (run != null && run.oldEnd() == next.oldStart() && run.newEnd() == next.newStart()) {
                run = new Region(run.oldStart(), next.oldEnd(), run.newStart(), next.newEnd());
            } else {
                if (run != null) {
                    changes.add(run);
                }
                run = next;
            }
        }
        if (run != null) {
            changes.add(run);
        }
        return changes;
    }

    private static List<Integer> boxed(int[] ids) {
        Integer[] boxed = new Integer[ids.length];
        for (int i = 0; i < ids.length; i++) {
            boxed[i] = ids[i];
        }
        return Arrays.asList(boxed);
    }

    /**
     * The cheap fallback: lines that occur exactly once in both old and new middle are matched, keeping the longest
     * run of them that is in the same order in both (as patience diff does); between two matched lines, shared
     * leading and trailing lines are matched too, and the rest is one run of changes. O(n log n).
     */
    private static List<Region> uniqueLinesMatched(LineIds ids, Region middle) {
        int[] oldCount = new int[ids.distinct];
        int[] newCount = new int[ids.distinct];
        int[] newPosition = new int[ids.distinct];
        for (int id : ids.oldIds) {
            oldCount[id]++;
        }
        for (int j = 0; j < ids.newIds.length; j++) {
            newCount[ids.newIds[j]]++;
            newPosition[ids.newIds[j]] = j;
        }
        // Candidate pairs (i, j) in old order; keep a longest subsequence increasing in j.
        int[] pairOld = new int[ids.oldIds.length];
        int[] pairNew = new int[ids.oldIds.length];
        int pairs = 0;
        for (int i = 0; i < ids.oldIds.length; i++) {
            int id = ids.oldIds[i];
            if (oldCount[id] == 1 && newCount[id] == 1) {
                pairOld[pairs] = i;
                pairNew[pairs] = newPosition[id];
                pairs++;
            }
        }
        int[] tails = new int[pairs];
        int[] previous = new int[pairs];
        int length = 0;
        for (int p = 0; p < pairs; p++) {
            int low = 0;
            int high = length;
            while (low < high) {
                int mid = (low + high) >>> 1;
                if (pairNew[tails[mid]] < pairNew[p]) {
                    low = mid + 1;
                } else {
                    high = mid;
                }
            }
            previous[p] = low > 0 ? tails[low - 1] : -1;
            tails[low] = p;
            if (low == length) {
                length++;
            }
        }
        int[] anchors = new int[length];
        for (int k = length - 1, p = length > 0 ? tails[length - 1] : -1; k >= 0; k--, p = previous[p]) {
            anchors[k] = p;
        }

        List<Region> changes = new ArrayList<>();
        int oldFrom = 0;
        int newFrom = 0;
        for (int k = 0; k <= length; k++) {
            int oldTo = k < length ? pairOld[anchors[k]] : ids.oldIds.length;
            int newTo = k < length ? pairNew[anchors[k]] : ids.newIds.length;
            while (oldFrom < oldTo && newFrom < newTo && ids.oldIds[oldFrom] == ids.newIds[newFrom]) {
                oldFrom++;
                newFrom++;
            }
            int oldEnd = oldTo;
            int newEnd = newTo;
            while (oldEnd > oldFrom && newEnd > newFrom && ids.oldIds[oldEnd - 1] == ids.newIds[newEnd - 1]) {
                oldEnd--;
                newEnd--;
            }
            if (oldFrom < oldEnd || newFrom < newEnd) {
                changes.add(new Region(middle.oldStart() + oldFrom, middle.oldStart() + oldEnd,
                        middle.newStart() + newFrom, middle.newStart() + newEnd));
            }
            oldFrom = oldTo + 1;
            newFrom = newTo + 1;
        }
        return changes;
    }

    private static LineDiff build(String fromName, List<String> oldLines, String toName, List<String> newLines,
            List<Region> changes, boolean approximate, int maxUnifiedChars) {
        List<Line> lines = new ArrayList<>(oldLines.size() + newLines.size());
        int oldIndex = 0;
        int newIndex = 0;
        int added = 0;
        int removed = 0;
        for (Region change : changes) {
            if (change.oldStart() - oldIndex != change.newStart() - newIndex) {
                throw new IllegalStateException("unchanged lines before " + change + " do not line up");
            }
            while (oldIndex < change.oldStart()) {
                lines.add(new Line(Kind.CONTEXT, oldIndex + 1, newIndex + 1, oldLines.get(oldIndex)));
                oldIndex++;
                newIndex++;
            }
            while (oldIndex < change.oldEnd()) {
                lines.add(new Line(Kind.REMOVED, oldIndex + 1, null, oldLines.get(oldIndex)));
                oldIndex++;
                removed++;
            }
            while (newIndex < change.newEnd()) {
                lines.add(new Line(Kind.ADDED, null, newIndex + 1, newLines.get(newIndex)));
                newIndex++;
                added++;
            }
        }
        while (oldIndex < oldLines.size()) {
            lines.add(new Line(Kind.CONTEXT, oldIndex + 1, newIndex + 1, oldLines.get(oldIndex)));
            oldIndex++;
            newIndex++;
        }
        String unified = unified(fromName, oldLines, toName, newLines, changes, maxUnifiedChars);
        return new LineDiff(lines, added, removed, unified, approximate);
    }

    /**
     * The unified diff, in the same layout as java-diff-utils' {@code UnifiedDiffUtils} (changes less than
     * 2 x {@link #CONTEXT_LINES} apart share a hunk), written hunk by hunk so it can stop at the size limit.
     */
    private static String unified(String fromName, List<String> oldLines, String toName, List<String> newLines,
            List<Region> changes, int maxChars) {
        if (changes.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        out.append("--- ").append(fromName).append("\n+++ ").append(toName);
        int first = 0;
        while (first < changes.size()) {
            int last = first;
            while (last + 1 < changes.size()
                    && changes.get(last + 1).oldStart() - changes.get(last).oldEnd() <= 2 * CONTEXT_LINES) {
                last++;
            }
            int hunkStart = out.length();
            if (!appendHunk(out, oldLines, newLines, changes.subList(first, last + 1), maxChars)) {
                out.setLength(hunkStart);
                out.append("\n\\ diff cut here: the rest does not fit in ").append(maxChars).append(" characters");
                break;
            }
            first = last + 1;
        }
        return out.toString();
    }

    /** Appends one hunk; false, leaving a partial hunk behind, once {@code out} would pass {@code limit}. */
    private static boolean appendHunk(StringBuilder out, List<String> oldLines, List<String> newLines,
            List<Region> hunk, long limit) {
        Region first = hunk.get(0);
        Region last = hunk.get(hunk.size() - 1);
        int contextStart = Math.max(0, first.oldStart() - CONTEXT_LINES);
        int contextEnd = Math.min(oldLines.size(), last.oldEnd() + CONTEXT_LINES);
        int oldTotal = contextEnd - contextStart;
        int newTotal = oldTotal;
        for (Region change : hunk) {
            newTotal += change.newLength() - change.oldLength();
        }
        out.append("\n@@ -").append(Math.max(1, first.oldStart() + 1 - CONTEXT_LINES)).append(',').append(oldTotal)
                .append(" +").append(Math.max(1, first.newStart() + 1 - CONTEXT_LINES)).append(',').append(newTotal)
                .append(" @@");
        int oldIndex = contextStart;
        for (Region change : hunk) {
            for (; oldIndex < change.oldStart(); oldIndex++) {
                if (!appendLine(out, ' ', oldLines.get(oldIndex), limit)) {
                    return false;
                }
            }
            for (; oldIndex < change.oldEnd(); oldIndex++) {
                if (!appendLine(out, '-', oldLines.get(oldIndex), limit)) {
                    return false;
                }
            }
            for (int newIndex = change.newStart(); newIndex < change.newEnd(); newIndex++) {
                if (!appendLine(out, '+', newLines.get(newIndex), limit)) {
                    return false;
                }
            }
        }
        for (; oldIndex < contextEnd; oldIndex++) {
            if (!appendLine(out, ' ', oldLines.get(oldIndex), limit)) {
                return false;
            }
        }
        return true;
    }

    private static boolean appendLine(StringBuilder out, char prefix, String text, long limit) {
        if (out.length() + 2L + text.length() > limit) {
            return false;
        }
        out.append('\n').append(prefix).append(text);
        return true;
    }

    private static List<String> split(String text) {
        if (text.isEmpty()) {
            return List.of();
        }
        String normalised = text.replace("\r\n", "\n");
        if (normalised.endsWith("\n")) {
            normalised = normalised.substring(0, normalised.length() - 1);
        }
        return Arrays.asList(normalised.split("\n", -1));
    }
}
