package dev.verity.card.content;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import com.github.difflib.patch.AbstractDelta;
import com.github.difflib.patch.Patch;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A line-by-line comparison of two versions of a card body.
 *
 * <p>Reviewers need to see exactly what changed between versions before they verify a card. {@link #lines()}
 * is the whole text, every line exactly once, tagged as unchanged, added or removed with its old and new line
 * numbers, ready for a side-by-side or inline view; {@link #unified()} is the same change as a classic unified
 * diff (3 lines of context) for e-mails, logs and copy-paste. The diff itself comes from java-diff-utils.
 *
 * <p>Lines are separated by {@code \n}; {@code \r\n} counts as {@code \n}, and a final line terminator does not
 * start an extra empty line (so {@code "a\nb"} and {@code "a\nb\n"} compare equal).
 *
 * <p>Immutable and thread-safe.
 *
 * @param lines every line of both versions in display order
 * @param added number of {@link Kind#ADDED} lines
 * @param removed number of {@link Kind#REMOVED} lines
 * @param unified unified diff text, lines joined with {@code \n}; empty when the texts are identical
 */
public record LineDiff(List<Line> lines, int added, int removed, String unified) {

    /** Lines of context around each change in {@link #unified()}. */
    public static final int CONTEXT_LINES = 3;

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
        if (fromName == null || from == null || toName == null || to == null) {
            throw new IllegalArgumentException("names and texts must not be null");
        }
        List<String> oldLines = split(from);
        List<String> newLines = split(to);
        Patch<String> patch = DiffUtils.diff(oldLines, newLines);

        List<Line> lines = new ArrayList<>(oldLines.size() + newLines.size());
        int oldIndex = 0;
        int newIndex = 0;
        int added = 0;
        int removed = 0;
        for (AbstractDelta<String> delta : patch.getDeltas()) {
            int deltaStart = delta.getSource().getPosition();
            while (oldIndex < deltaStart) {
                lines.add(new Line(Kind.CONTEXT, oldIndex + 1, newIndex + 1, oldLines.get(oldIndex)));
                oldIndex++;
                newIndex++;
            }
            for (String text : delta.getSource().getLines()) {
                lines.add(new Line(Kind.REMOVED, ++oldIndex, null, text));
                removed++;
            }
            for (String text : delta.getTarget().getLines()) {
                lines.add(new Line(Kind.ADDED, null, ++newIndex, text));
                added++;
            }
        }
        while (oldIndex < oldLines.size()) {
            lines.add(new Line(Kind.CONTEXT, oldIndex + 1, newIndex + 1, oldLines.get(oldIndex)));
            oldIndex++;
            newIndex++;
        }

        String unified = patch.getDeltas().isEmpty()
                ? ""
                : String.join("\n",
                        UnifiedDiffUtils.generateUnifiedDiff(fromName, toName, oldLines, patch, CONTEXT_LINES));
        return new LineDiff(lines, added, removed, unified);
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
