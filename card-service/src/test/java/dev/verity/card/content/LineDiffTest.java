package dev.verity.card.content;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.difflib.UnifiedDiffUtils;
import com.github.difflib.patch.ChangeDelta;
import com.github.difflib.patch.Chunk;
import com.github.difflib.patch.Patch;
import dev.verity.card.content.LineDiff.Bounds;
import dev.verity.card.content.LineDiff.Kind;
import dev.verity.card.content.LineDiff.Line;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LineDiffTest {

    private static Line ctx(int oldNo, int newNo, String text) {
        return new Line(Kind.CONTEXT, oldNo, newNo, text);
    }

    private static Line add(int newNo, String text) {
        return new Line(Kind.ADDED, null, newNo, text);
    }

    private static Line rem(int oldNo, String text) {
        return new Line(Kind.REMOVED, oldNo, null, text);
    }

    @Test
    void identicalTexts() {
        LineDiff diff = LineDiff.between("v1", "a\nb\nc\n", "v2", "a\nb\nc\n");
        assertEquals(List.of(ctx(1, 1, "a"), ctx(2, 2, "b"), ctx(3, 3, "c")), diff.lines());
        assertEquals(0, diff.added());
        assertEquals(0, diff.removed());
        assertEquals("", diff.unified());
        assertTrue(diff.identical());
    }

    @Test
    void bothEmpty() {
        LineDiff diff = LineDiff.between("v1", "", "v2", "");
        assertEquals(List.of(), diff.lines());
        assertEquals("", diff.unified());
    }

    @Test
    void pureAddAtEnd() {
        LineDiff diff = LineDiff.between("v1", "a\nb\n", "v2", "a\nb\nc\nd\n");
        assertEquals(List.of(ctx(1, 1, "a"), ctx(2, 2, "b"), add(3, "c"), add(4, "d")), diff.lines());
        assertEquals(2, diff.added());
        assertEquals(0, diff.removed());
        assertEquals("--- v1\n+++ v2\n@@ -1,2 +1,4 @@\n a\n b\n+c\n+d", diff.unified());
        assertFalse(diff.identical());
    }

    @Test
    void addToEmptyText() {
        LineDiff diff = LineDiff.between("empty", "", "v1", "first\nsecond");
        assertEquals(List.of(add(1, "first"), add(2, "second")), diff.lines());
        assertEquals(2, diff.added());
        assertEquals("--- empty\n+++ v1\n@@ -1,0 +1,2 @@\n+first\n+second", diff.unified());
    }

    @Test
    void pureRemoveAtStart() {
        LineDiff diff = LineDiff.between("v1", "x\ny\na\nb\n", "v2", "a\nb\n");
        assertEquals(List.of(rem(1, "x"), rem(2, "y"), ctx(3, 1, "a"), ctx(4, 2, "b")), diff.lines());
        assertEquals(0, diff.added());
        assertEquals(2, diff.removed());
        assertEquals("--- v1\n+++ v2\n@@ -1,4 +1,2 @@\n-x\n-y\n a\n b", diff.unified());
    }

    @Test
    void removeEverything() {
        LineDiff diff = LineDiff.between("v1", "a\nb", "v2", "");
        assertEquals(List.of(rem(1, "a"), rem(2, "b")), diff.lines());
        assertEquals(2, diff.removed());
        assertEquals("--- v1\n+++ v2\n@@ -1,2 +1,0 @@\n-a\n-b", diff.unified());
    }

    @Test
    void changeInTheMiddleOfALongText() {
        List<String> oldLines = new ArrayList<>();
        for (int i = 1; i <= 20; i++) {
            oldLines.add("line " + i);
        }
        List<String> newLines = new ArrayList<>(oldLines);
        newLines.set(9, "line 10 changed");
        newLines.add(10, "inserted");
        LineDiff diff = LineDiff.between("v1", String.join("\n", oldLines), "v2", String.join("\n", newLines));

        assertEquals(2, diff.added());
        assertEquals(1, diff.removed());
        assertEquals(22, diff.lines().size());
        assertEquals(ctx(9, 9, "line 9"), diff.lines().get(8));
        assertEquals(rem(10, "line 10"), diff.lines().get(9));
        assertEquals(add(10, "line 10 changed"), diff.lines().get(10));
        assertEquals(add(11, "inserted"), diff.lines().get(11));
        assertEquals(ctx(11, 12, "line 11"), diff.lines().get(12));
        assertEquals(ctx(20, 21, "line 20"), diff.lines().get(21));

        assertEquals(String.join("\n",
                "--- v1",
                "+++ v2",
                "@@ -7,7 +7,8 @@",
                " line 7",
                " line 8",
                " line 9",
                "-line 10",
                "+line 10 changed",
                "+inserted",
                " line 11",
                " line 12",
                " line 13"), diff.unified());
    }

    @Test
    void twoSeparateChangesGiveTwoHunks() {
        List<String> oldLines = new ArrayList<>();
        for (int i = 1; i <= 30; i++) {
            oldLines.add("l" + i);
        }
        List<String> newLines = new ArrayList<>(oldLines);
        newLines.set(2, "L3");
        newLines.set(26, "L27");
        LineDiff diff = LineDiff.between("a", String.join("\n", oldLines), "b", String.join("\n", newLines));
        assertEquals(2, diff.added());
        assertEquals(2, diff.removed());
        assertEquals(32, diff.lines().size());
        assertEquals(2, diff.unified().lines().filter(l -> l.startsWith("@@")).count(), diff.unified());
    }

    @Test
    void everyLineAppearsOnceWithConsistentNumbers() {
        String from = "alpha\nbeta\ngamma\ndelta\nepsilon\n";
        String to = "alpha\nBETA\ngamma\nepsilon\nzeta\n";
        LineDiff diff = LineDiff.between("v1", from, "v2", to);
        List<String> rebuiltOld = new ArrayList<>();
        List<String> rebuiltNew = new ArrayList<>();
        for (Line line : diff.lines()) {
            if (line.kind() != Kind.ADDED) {
                assertEquals(rebuiltOld.size() + 1, line.oldNumber());
                rebuiltOld.add(line.text());
            }
            if (line.kind() != Kind.REMOVED) {
                assertEquals(rebuiltNew.size() + 1, line.newNumber());
                rebuiltNew.add(line.text());
            }
        }
        assertEquals(List.of(from.split("\n")), rebuiltOld);
        assertEquals(List.of(to.split("\n")), rebuiltNew);
        assertEquals(2, diff.added());
        assertEquals(2, diff.removed());
    }

    @Test
    void finalNewlineDoesNotAddAnEmptyLine() {
        LineDiff diff = LineDiff.between("v1", "a\nb", "v2", "a\nb\n");
        assertEquals(List.of(ctx(1, 1, "a"), ctx(2, 2, "b")), diff.lines());
        assertTrue(diff.identical());
        assertEquals("", diff.unified());
    }

    @Test
    void extraBlankLineAtEndIsAChange() {
        LineDiff diff = LineDiff.between("v1", "a\n", "v2", "a\n\n");
        assertEquals(List.of(ctx(1, 1, "a"), add(2, "")), diff.lines());
        assertEquals(1, diff.added());
        assertEquals("--- v1\n+++ v2\n@@ -1,1 +1,2 @@\n a\n+", diff.unified());
    }

    @Test
    void singleNewlineIsOneEmptyLine() {
        LineDiff diff = LineDiff.between("v1", "", "v2", "\n");
        assertEquals(List.of(add(1, "")), diff.lines());
    }

    @Test
    void crlfIsTreatedAsLf() {
        LineDiff diff = LineDiff.between("v1", "a\r\nb\r\nc\r\n", "v2", "a\nb\nc\n");
        assertTrue(diff.identical());
        assertEquals(List.of(ctx(1, 1, "a"), ctx(2, 2, "b"), ctx(3, 3, "c")), diff.lines());

        LineDiff changed = LineDiff.between("v1", "a\r\nb\r\n", "v2", "a\r\nB\r\n");
        assertEquals(List.of(ctx(1, 1, "a"), rem(2, "b"), add(2, "B")), changed.lines());
        assertFalse(changed.unified().contains("\r"), changed.unified());
    }

    @Test
    void whitespaceChangesAreChanges() {
        LineDiff diff = LineDiff.between("v1", "a \nb", "v2", "a\nb");
        assertEquals(List.of(rem(1, "a "), add(1, "a"), ctx(2, 2, "b")), diff.lines());
    }

    @Test
    void resultIsImmutable() {
        LineDiff diff = LineDiff.between("v1", "a", "v2", "b");
        assertThrows(UnsupportedOperationException.class, () -> diff.lines().add(ctx(1, 1, "x")));
        List<Line> source = new ArrayList<>(List.of(ctx(1, 1, "x")));
        LineDiff copy = new LineDiff(source, 0, 0, "");
        source.clear();
        assertEquals(1, copy.lines().size());
    }

    @Test
    void rejectsNulls() {
        assertThrows(IllegalArgumentException.class, () -> LineDiff.between(null, "a", "v2", "b"));
        assertThrows(IllegalArgumentException.class, () -> LineDiff.between("v1", null, "v2", "b"));
        assertThrows(IllegalArgumentException.class, () -> LineDiff.between("v1", "a", null, "b"));
        assertThrows(IllegalArgumentException.class, () -> LineDiff.between("v1", "a", "v2", null));
    }

    @Test
    void lineNumbersMustFitKind() {
        assertThrows(IllegalArgumentException.class, () -> new Line(Kind.ADDED, 1, 1, "x"));
        assertThrows(IllegalArgumentException.class, () -> new Line(Kind.REMOVED, 1, 1, "x"));
        assertThrows(IllegalArgumentException.class, () -> new Line(Kind.CONTEXT, null, 1, "x"));
    }

    // Bounded cost: any reader can ask for a diff of two large versions.

    @Test
    void completelyDifferentLongTextsGiveAnApproximateButConsistentDiff() {
        String from = numbered("o", 50_000);
        String to = numbered("n", 50_000);

        LineDiff diff = LineDiff.between("v1", from, "v2", to);

        assertTrue(diff.approximate());
        assertEquals(50_000, diff.removed());
        assertEquals(50_000, diff.added());
        assertConsistent(from, to, diff);
        assertTrue(diff.unified().startsWith("--- v1\n+++ v2\n@@ -1,50000 +1,50000 @@\n-o1\n-o2\n"),
                () -> diff.unified().substring(0, 80));
        assertTrue(diff.unified().contains("\n-o50000\n+n1\n"), "removed lines come before added ones");
    }

    @Test
    void oneChangedLineInALongTextIsExact() {
        List<String> oldLines = numberedLines("line ", 50_000);
        List<String> newLines = new ArrayList<>(oldLines);
        newLines.set(24_999, "line 25000 changed");
        String from = String.join("\n", oldLines);
        String to = String.join("\n", newLines);

        LineDiff diff = LineDiff.between("v1", from, "v2", to);

        assertFalse(diff.approximate());
        assertEquals(1, diff.added());
        assertEquals(1, diff.removed());
        assertEquals(rem(25_000, "line 25000"), diff.lines().get(24_999));
        assertEquals(add(25_000, "line 25000 changed"), diff.lines().get(25_000));
        assertEquals(String.join("\n", "--- v1", "+++ v2", "@@ -24997,7 +24997,7 @@",
                " line 24997", " line 24998", " line 24999", "-line 25000", "+line 25000 changed",
                " line 25001", " line 25002", " line 25003"), diff.unified());
        assertConsistent(from, to, diff);
    }

    @Test
    void editsFarApartInALongTextAreExact() {
        List<String> oldLines = numberedLines("line ", 50_000);
        List<String> newLines = new ArrayList<>(oldLines);
        newLines.set(9, "first edit");
        newLines.add(25_000, "inserted");
        newLines.remove(49_990);
        String from = String.join("\n", oldLines);
        String to = String.join("\n", newLines);

        LineDiff diff = LineDiff.between("v1", from, "v2", to);

        assertFalse(diff.approximate());
        assertEquals(2, diff.added());
        assertEquals(2, diff.removed());
        assertEquals(3, diff.unified().lines().filter(l -> l.startsWith("@@")).count(), diff.unified());
        assertConsistent(from, to, diff);
    }

    @Test
    void longTextReplacedByAShortOneStaysConsistent() {
        String from = numbered("line ", 50_000);
        String to = "line 7\nsomething new\nline 40000";

        LineDiff diff = LineDiff.between("v1", from, "v2", to);

        assertEquals(1, diff.added());
        assertEquals(49_998, diff.removed());
        assertConsistent(from, to, diff);
    }

    /** When the exact diff is too costly, lines found once in each text anchor the approximation. */
    @Test
    void fallbackMatchesLinesThatOccurOnceInBothTexts() {
        Bounds noBudget = new Bounds(0, Duration.ofSeconds(1), LineDiff.MAX_UNIFIED_CHARS);
        String from = "A\n\nshared\nkept\n\nB";
        String to = "C\n\nshared\nkept\n\nD";

        LineDiff diff = LineDiff.between("v1", from, "v2", to, noBudget);

        assertTrue(diff.approximate());
        assertEquals(List.of(rem(1, "A"), add(1, "C"), ctx(2, 2, ""), ctx(3, 3, "shared"), ctx(4, 4, "kept"),
                ctx(5, 5, ""), rem(6, "B"), add(6, "D")), diff.lines());
        assertEquals(1, diff.unified().lines().filter(l -> l.startsWith("@@")).count(), diff.unified());
        assertConsistent(from, to, diff);
    }

    @Test
    void fallbackKeepsOnlyAnchorsThatAreInTheSameOrderInBoth() {
        Bounds noBudget = new Bounds(0, Duration.ofSeconds(1), LineDiff.MAX_UNIFIED_CHARS);
        String from = "x\na\nb\nc\nd\ny";
        String to = "z\nc\na\nb\nd\nw";

        LineDiff diff = LineDiff.between("v1", from, "v2", to, noBudget);

        assertTrue(diff.approximate());
        assertEquals(List.of(rem(1, "x"), add(1, "z"), add(2, "c"), ctx(2, 3, "a"), ctx(3, 4, "b"), rem(4, "c"),
                ctx(5, 5, "d"), rem(6, "y"), add(6, "w")), diff.lines());
        assertConsistent(from, to, diff);
    }

    @Test
    void fallbackOnRandomTextsIsAlwaysConsistent() {
        Bounds noBudget = new Bounds(0, Duration.ofSeconds(1), LineDiff.MAX_UNIFIED_CHARS);
        Random random = new Random(7);
        for (int round = 0; round < 200; round++) {
            String from = randomText(random);
            String to = randomText(random);
            assertConsistent(from, to, LineDiff.between("v1", from, "v2", to, noBudget));
        }
    }

    @Test
    void zeroDeadlineFallsBackToTheApproximateDiff() {
        Bounds noTime = new Bounds(Long.MAX_VALUE, Duration.ZERO, LineDiff.MAX_UNIFIED_CHARS);
        String from = numbered("old ", 2_000);
        String to = numbered("new ", 2_000);

        LineDiff diff = LineDiff.between("v1", from, "v2", to, noTime);

        assertTrue(diff.approximate());
        assertConsistent(from, to, diff);
    }

    @Test
    void unifiedTextIsCutAfterTheLastWholeHunkThatFits() {
        List<String> oldLines = numberedLines("l", 40);
        List<String> newLines = new ArrayList<>(oldLines);
        newLines.set(4, "L5");
        newLines.set(34, "L35");
        String from = String.join("\n", oldLines);
        String to = String.join("\n", newLines);
        String firstHunk = "--- v1\n+++ v2\n@@ -2,7 +2,7 @@\n l2\n l3\n l4\n-l5\n+L5\n l6\n l7\n l8";

        LineDiff cut = LineDiff.between("v1", from, "v2", to, new Bounds(LineDiff.MAX_COMPARISONS, Duration.ofSeconds(1), 80));

        assertEquals(firstHunk + "\n\\ diff cut here: the rest does not fit in 80 characters", cut.unified());
        assertEquals(2, cut.added());
        assertEquals(42, cut.lines().size());
        assertTrue(LineDiff.between("v1", from, "v2", to).unified().startsWith(firstHunk + "\n@@ -32,7 +32,7 @@"));
    }

    /** Our hunks are laid out exactly as java-diff-utils lays out the same changes. */
    @Test
    void unifiedTextMatchesJavaDiffUtils() {
        Random random = new Random(11);
        for (int round = 0; round < 300; round++) {
            String from = randomText(random);
            String to = randomText(random);
            LineDiff diff = LineDiff.between("a", from, "b", to);
            List<String> oldLines = linesOf(from);
            String expected = diff.identical() ? "" : String.join("\n",
                    UnifiedDiffUtils.generateUnifiedDiff("a", "b", oldLines, patchOf(diff), LineDiff.CONTEXT_LINES));
            assertEquals(expected, diff.unified(), () -> "from:\n" + from + "\nto:\n" + to);
        }
    }

    /** Every old line once, in order, as REMOVED or CONTEXT; every new line likewise as ADDED or CONTEXT. */
    private static void assertConsistent(String from, String to, LineDiff diff) {
        List<String> rebuiltOld = new ArrayList<>();
        List<String> rebuiltNew = new ArrayList<>();
        int added = 0;
        int removed = 0;
        for (Line line : diff.lines()) {
            if (line.kind() != Kind.ADDED) {
                assertEquals(rebuiltOld.size() + 1, line.oldNumber());
                rebuiltOld.add(line.text());
            }
            if (line.kind() != Kind.REMOVED) {
                assertEquals(rebuiltNew.size() + 1, line.newNumber());
                rebuiltNew.add(line.text());
            }
            added += line.kind() == Kind.ADDED ? 1 : 0;
            removed += line.kind() == Kind.REMOVED ? 1 : 0;
        }
        assertEquals(linesOf(from), rebuiltOld);
        assertEquals(linesOf(to), rebuiltNew);
        assertEquals(added, diff.added());
        assertEquals(removed, diff.removed());
        assertEquals(added + removed == 0, diff.unified().isEmpty());
    }

    /** The changes of a diff as java-diff-utils deltas: each run of removed and added lines is one delta. */
    private static Patch<String> patchOf(LineDiff diff) {
        Patch<String> patch = new Patch<>();
        List<Line> lines = diff.lines();
        int oldPosition = 0;
        int newPosition = 0;
        for (int i = 0; i < lines.size(); ) {
            if (lines.get(i).kind() == Kind.CONTEXT) {
                oldPosition++;
                newPosition++;
                i++;
                continue;
            }
            List<String> removedLines = new ArrayList<>();
            List<String> addedLines = new ArrayList<>();
            for (; i < lines.size() && lines.get(i).kind() != Kind.CONTEXT; i++) {
                (lines.get(i).kind() == Kind.REMOVED ? removedLines : addedLines).add(lines.get(i).text());
            }
            patch.addDelta(new ChangeDelta<>(new Chunk<>(oldPosition, removedLines), new Chunk<>(newPosition, addedLines)));
            oldPosition += removedLines.size();
            newPosition += addedLines.size();
        }
        return patch;
    }

    /** Up to 40 lines from a small alphabet, so texts share many lines, repeated ones included. */
    private static String randomText(Random random) {
        int count = random.nextInt(40);
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < count; i++) {
            text.append(random.nextInt(4) == 0 ? "" : String.valueOf((char) ('a' + random.nextInt(8)))).append('\n');
        }
        return text.toString();
    }

    /** The lines of a text by LineDiff's rule: a final terminator does not start another line. */
    private static List<String> linesOf(String text) {
        if (text.isEmpty()) {
            return List.of();
        }
        String body = text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
        return Arrays.asList(body.split("\n", -1));
    }

    private static List<String> numberedLines(String prefix, int count) {
        List<String> lines = new ArrayList<>(count);
        for (int i = 1; i <= count; i++) {
            lines.add(prefix + i);
        }
        return lines;
    }

    private static String numbered(String prefix, int count) {
        return String.join("\n", numberedLines(prefix, count));
    }
}
