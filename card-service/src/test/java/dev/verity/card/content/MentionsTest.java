package dev.verity.card.content;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class MentionsTest {

    @Test
    void findsMentionsInOrderOfFirstAppearance() {
        assertEquals(List.of("bob", "alice", "U123"), Mentions.in("@bob please ask @alice, cc @U123 and @bob again"));
    }

    @Test
    void noMentions() {
        assertEquals(List.of(), Mentions.in(""));
        assertEquals(List.of(), Mentions.in("nothing to see here"));
        assertEquals(List.of(), Mentions.in("a lone @ sign and @ spaced"));
    }

    @Test
    void idsMayContainDotsUnderscoresAndHyphens() {
        assertEquals(List.of("jane.doe", "john_smith", "ops-team", "a1"),
                Mentions.in("@jane.doe @john_smith @ops-team @a1"));
    }

    @Test
    void trailingPunctuationIsNotPartOfTheId() {
        assertEquals(List.of("bob", "alice", "carol", "dave"),
                Mentions.in("Thanks @bob. Ask @alice... or @carol_, maybe @dave-!"));
    }

    @Test
    void idMustStartWithLetterOrDigit() {
        assertEquals(List.of(), Mentions.in("@.bob @_bob @-bob"));
        assertEquals(List.of("42"), Mentions.in("ticket @42"));
    }

    @Test
    void emailAddressesAreNotMentions() {
        assertEquals(List.of(), Mentions.in("write to bob@example.com or first.last@example.org"));
        assertEquals(List.of("bob"), Mentions.in("bob@example.com is @bob"));
    }

    @Test
    void notPrecededByLetterDigitDotUnderscoreOrAt() {
        assertEquals(List.of(), Mentions.in("x@bob 1@bob .@bob _@bob @@bob"));
        assertEquals(List.of("a", "b", "c", "d"), Mentions.in("(@a) \"@b\" -@c /@d"));
    }

    @Test
    void mentionsAtStartAndEndOfLines() {
        assertEquals(List.of("first", "last"), Mentions.in("@first\nsome text\nend @last"));
    }

    @Test
    void idIsAtMostOneHundredCharacters() {
        String longId = "a".repeat(150);
        assertEquals(List.of("a".repeat(100)), Mentions.in("@" + longId));
    }

    @Test
    void caseIsKept() {
        assertEquals(List.of("Bob", "bob"), Mentions.in("@Bob and @bob"));
    }

    @Test
    void ignoresInlineCode() {
        assertEquals(List.of("real"), Mentions.in("use `@Override` and ``@Inject `x` @Named`` then @real"));
    }

    @Test
    void inlineCodeCanSpanLinesWithinAParagraph() {
        assertEquals(List.of("after"), Mentions.in("`start\n@inside` @after"));
    }

    @Test
    void unmatchedBacktickDoesNotHideMentions() {
        assertEquals(List.of("bob"), Mentions.in("a ` stray backtick @bob"));
        assertEquals(List.of("bob", "carol"), Mentions.in("a `stray\n\n@bob and ` @carol"));
    }

    @Test
    void ignoresFencedCodeBlocks() {
        String text = String.join("\n",
                "@before",
                "```java",
                "@Override",
                "public String toString() { return \"@nobody\"; }",
                "```",
                "~~~",
                "@tilde",
                "~~~",
                "@after");
        assertEquals(List.of("before", "after"), Mentions.in(text));
    }

    @Test
    void fenceClosesOnlyWithMatchingFence() {
        String text = String.join("\n",
                "````",
                "```",
                "@stillCode",
                "````",
                "@outside");
        assertEquals(List.of("outside"), Mentions.in(text));
    }

    @Test
    void unclosedFenceRunsToEnd() {
        assertEquals(List.of("a"), Mentions.in("@a\n```\n@b\n@c"));
    }

    @Test
    void singleLineTripleBacktickSpanIsInlineCode() {
        assertEquals(List.of("b"), Mentions.in("```@a``` @b"));
    }

    @Test
    void crlfText() {
        assertEquals(List.of("x", "z"), Mentions.in("@x\r\n```\r\n@y\r\n```\r\n@z"));
    }

    @Test
    void resultIsImmutable() {
        List<String> ids = Mentions.in("@bob");
        assertThrows(UnsupportedOperationException.class, () -> ids.add("eve"));
    }

    @Test
    void rejectsNull() {
        assertThrows(IllegalArgumentException.class, () -> Mentions.in(null));
    }
}
