package dev.verity.card.content;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.verity.card.content.LineDiff.Kind;
import dev.verity.card.content.LineDiff.Line;
import java.util.ArrayList;
import java.util.List;
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
}
