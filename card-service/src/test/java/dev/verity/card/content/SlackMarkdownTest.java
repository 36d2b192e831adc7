package dev.verity.card.content;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SlackMarkdownTest {

    private static String md(String mrkdwn) {
        return SlackMarkdown.toMarkdown(mrkdwn);
    }

    @Nested
    class ToMarkdown {

        @Test
        void bold() {
            assertEquals("**bold** text", md("*bold* text"));
            assertEquals("a **few bold words** here", md("a *few bold words* here"));
        }

        @Test
        void italic() {
            assertEquals("*italic* text", md("_italic_ text"));
        }

        @Test
        void strike() {
            assertEquals("~~strike~~ text", md("~strike~ text"));
        }

        @Test
        void combinedEmphasis() {
            assertEquals("***both*** and **bold *inner***", md("*_both_* and *bold _inner_*"));
        }

        @Test
        void emphasisCharactersInsideWordsOrWithSpacesAreLiteral() {
            assertEquals("snake_case_name 2*3*4 a * b * c ~ x ~", md("snake_case_name 2*3*4 a * b * c ~ x ~"));
        }

        @Test
        void emphasisDoesNotSpanLines() {
            assertEquals("*not\nbold*", md("*not\nbold*"));
        }

        @Test
        void linkWithLabel() {
            assertEquals("[the docs](https://x.example/docs)", md("<https://x.example/docs|the docs>"));
        }

        @Test
        void linkWithoutLabelStaysAutolink() {
            assertEquals("see <https://x.example/a_b*c>", md("see <https://x.example/a_b*c>"));
        }

        @Test
        void mailtoLink() {
            assertEquals("[a@b.c](mailto:a@b.c)", md("<mailto:a@b.c|a@b.c>"));
            assertEquals("<mailto:a@b.c>", md("<mailto:a@b.c>"));
        }

        @Test
        void linkUrlsAndLabelsAreUnescapedAndProtectedFromEmphasis() {
            assertEquals("[R&D \\*notes\\* \\[draft\\]](https://x.example/a_b_c?x=1&y=2)",
                    md("<https://x.example/a_b_c?x=1&amp;y=2|R&amp;D *notes* [draft]>"));
        }

        @Test
        void linkLabelMayContainInlineCode() {
            assertEquals("[`kubectl`](https://k8s.example)", md("<https://k8s.example|`kubectl`>"));
        }

        @Test
        void linkWithSpaceOrParenthesesUsesPointyDestination() {
            assertEquals("[w](<https://x.example/a b>)", md("<https://x.example/a b|w>"));
            assertEquals("[w](https://en.example/wiki/Foo_(bar))", md("<https://en.example/wiki/Foo_(bar)|w>"));
            assertEquals("[w](<https://x.example/a)b>)", md("<https://x.example/a)b|w>"));
        }

        @Test
        void userMentions() {
            assertEquals("hi @U123", md("hi <@U123>"));
            assertEquals("hi @alice", md("hi <@U123|alice>"));
        }

        @Test
        void channelMentions() {
            assertEquals("in #general", md("in <#C123|general>"));
            assertEquals("in #C123", md("in <#C123>"));
        }

        @Test
        void specialMentions() {
            assertEquals("@here @channel @everyone", md("<!here> <!channel> <!everyone>"));
            assertEquals("@here", md("<!here|here>"));
            assertEquals("@ops-team", md("<!subteam^S123|@ops-team>"));
            assertEquals("posted Feb 18, 2014", md("posted <!date^1392734382^{date}|Feb 18, 2014>"));
        }

        @Test
        void htmlEntitiesAreUnescaped() {
            assertEquals("a & b < c > d", md("a &amp; b &lt; c &gt; d"));
            assertEquals("Q&A", md("Q&amp;A"));
        }

        @Test
        void unescapedCharactersThatWouldBeMarkupAreBackslashEscaped() {
            assertEquals("use \\<div> here", md("use &lt;div&gt; here"));
            assertEquals("literally \\&copy; and \\&amp;", md("literally &amp;copy; and &amp;amp;"));
        }

        @Test
        void unknownAngleSequenceIsShownAsTyped() {
            assertEquals("\\<not a link>", md("<not a link>"));
        }

        @Test
        void inlineCodeIsNotConverted() {
            assertEquals("run `*x* _y_ ~z~ <@U1>` now **ok**", md("run `*x* _y_ ~z~ <@U1>` now *ok*"));
        }

        @Test
        void entitiesInsideCodeAreDecoded() {
            assertEquals("`a < b && c > d`", md("`a &lt; b &amp;&amp; c &gt; d`"));
        }

        @Test
        void singleLineCodeBlockStaysInline() {
            assertEquals("try ```*not bold*``` please", md("try ```*not bold*``` please"));
        }

        @Test
        void multiLineCodeBlockIsNotConverted() {
            assertEquals("```\n*x* _y_\n<https://z>\n```", md("```\n*x* _y_\n<https://z>\n```"));
        }

        @Test
        void multiLineCodeBlockGetsFencesOnTheirOwnLines() {
            assertEquals("Try this:\n```\nline1\nif a < b\nline3\n```\n then **done**",
                    md("Try this:```line1\nif a &lt; b\nline3``` then *done*"));
        }

        @Test
        void quotesStayQuotes() {
            assertEquals("> quoted **bold**", md("&gt; quoted *bold*"));
            assertEquals("> raw quote", md("> raw quote"));
            assertEquals("> one\n> two", md("&gt; one\n&gt; two"));
        }

        @Test
        void textAfterAQuoteIsNotAbsorbedIntoIt() {
            assertEquals("> quoted\n\nmy answer", md("&gt; quoted\nmy answer"));
        }

        @Test
        void tripleQuoteQuotesTheRest() {
            assertEquals("intro\n> rest\n> of it", md("intro\n&gt;&gt;&gt; rest\nof it"));
        }

        @Test
        void tripleQuoteInsideCodeIsCode() {
            assertEquals("```\n>>> print(1)\n```", md("```\n&gt;&gt;&gt; print(1)\n```"));
        }

        @Test
        void bullets() {
            assertEquals("- one\n- two", md("• one\n• two"));
            assertEquals("- tight", md("•tight"));
            assertEquals("  - nested", md("  • nested"));
            assertEquals("not • a bullet", md("not • a bullet"));
        }

        @Test
        void textAfterAListIsNotAbsorbedIntoIt() {
            assertEquals("- one\n- two\n\nafter", md("• one\n• two\nafter"));
        }

        @Test
        void crlfIsNormalised() {
            assertEquals("**a**\n**b**", md("*a*\r\n*b*"));
        }

        @Test
        void plainTextIsUnchanged() {
            assertEquals("Hello team, the VPN is back.", md("Hello team, the VPN is back."));
            assertEquals("", md(""));
        }

        @Test
        void outputRendersToExpectedHtml() {
            String html = MarkdownRenderer.toSafeHtml(md(
                    "*Fix*: restart <https://svc.example/admin|the service> _then_ ~wait~ check `status`"));
            assertEquals("<p><strong>Fix</strong>: restart <a href=\"https://svc.example/admin\" "
                    + "rel=\"nofollow noopener noreferrer\">the service</a> <em>then</em> <del>wait</del> check "
                    + "<code>status</code></p>\n", html);
        }

        @Test
        void rejectsNull() {
            assertThrows(IllegalArgumentException.class, () -> SlackMarkdown.toMarkdown(null));
        }
    }

    @Nested
    class ThreadCapture {

        private final ChatMessage root = new ChatMessage("bob", "How do I *reset* my password?", "1700000000.123456");

        @Test
        void rootWithRepliesAndFooter() {
            List<ChatMessage> replies = List.of(
                    new ChatMessage("alice", "Go to <https://id.example|Settings>\nthen click _Reset_",
                            "1700000100.000200"),
                    new ChatMessage("carol", "thanks!", "1700003600"));
            String expected = String.join("\n",
                    "How do I **reset** my password?",
                    "",
                    "---",
                    "",
                    "**Replies**",
                    "",
                    "**alice** · 2023-11-14 22:15 UTC",
                    "",
                    "> Go to [Settings](https://id.example)",
                    "> then click *Reset*",
                    "",
                    "**carol** · 2023-11-14 23:13 UTC",
                    "",
                    "> thanks!",
                    "",
                    "_Captured from #help-desk: <https://acme.slack.example/archives/C1/p1700000000123456>_",
                    "");
            assertEquals(expected, SlackMarkdown.threadToMarkdown(root, replies, "help-desk",
                    "https://acme.slack.example/archives/C1/p1700000000123456"));
        }

        @Test
        void noReplies() {
            assertEquals("How do I **reset** my password?\n\n_Captured from #general: <https://x.example/p1>_\n",
                    SlackMarkdown.threadToMarkdown(root, List.of(), "general", "https://x.example/p1"));
            assertEquals("How do I **reset** my password?\n\n_Captured from #general: <https://x.example/p1>_\n",
                    SlackMarkdown.threadToMarkdown(root, null, "#general", "https://x.example/p1"));
        }

        @Test
        void footerOmitsNullParts() {
            assertTrue(SlackMarkdown.threadToMarkdown(root, List.of(), null, "https://x.example/p1")
                    .endsWith("\n_Captured from <https://x.example/p1>_\n"));
            assertTrue(SlackMarkdown.threadToMarkdown(root, List.of(), "general", null)
                    .endsWith("\n_Captured from #general_\n"));
            assertTrue(SlackMarkdown.threadToMarkdown(root, List.of(), null, null)
                    .endsWith("\n_Captured from chat_\n"));
        }

        @Test
        void multiLineReplyIsQuotedLineByLine() {
            ChatMessage reply =
                    new ChatMessage("dev", "Run:\n```\nsudo systemctl restart x\n\ncheck\n```", "1700000000");
            String markdown = SlackMarkdown.threadToMarkdown(root, List.of(reply), null, null);
            assertTrue(markdown.contains("\n> Run:\n> ```\n> sudo systemctl restart x\n> \n> check\n> ```\n"),
                    markdown);
        }

        @Test
        void namesAreEscaped() {
            ChatMessage reply = new ChatMessage("j_doe*", "ok", "1700000000");
            String markdown = SlackMarkdown.threadToMarkdown(root, List.of(reply), "ops_team", null);
            assertTrue(markdown.contains("**j\\_doe\\*** · 2023-11-14 22:13 UTC"), markdown);
            assertTrue(markdown.endsWith("_Captured from #ops\\_team_\n"), markdown);
        }

        @Test
        void rendersToSafeHtml() {
            ChatMessage reply = new ChatMessage("alice", "Use <https://id.example|this>", "1700000100");
            String html = MarkdownRenderer.toSafeHtml(
                    SlackMarkdown.threadToMarkdown(root, List.of(reply), "help", "https://x.example/p1"));
            assertEquals("<p>How do I <strong>reset</strong> my password?</p>\n<hr />\n"
                    + "<p><strong>Replies</strong></p>\n<p><strong>alice</strong> · 2023-11-14 22:15 UTC</p>\n"
                    + "<blockquote>\n<p>Use <a href=\"https://id.example\" "
                    + "rel=\"nofollow noopener noreferrer\">this</a>"
                    + "</p>\n</blockquote>\n<p><em>Captured from #help: <a href=\"https://x.example/p1\" "
                    + "rel=\"nofollow noopener noreferrer\">https://x.example/p1</a></em></p>\n", html);
        }

        @Test
        void rejectsNullRootOrReply() {
            assertThrows(IllegalArgumentException.class,
                    () -> SlackMarkdown.threadToMarkdown(null, List.of(), "c", "p"));
            List<ChatMessage> replies = new ArrayList<>();
            replies.add(null);
            assertThrows(IllegalArgumentException.class,
                    () -> SlackMarkdown.threadToMarkdown(root, replies, "c", "p"));
        }
    }

    @Nested
    class Messages {

        @Test
        void parsesSlackTimestamps() {
            assertEquals(Instant.parse("2023-11-14T22:13:20.123456Z"),
                    new ChatMessage("u", "t", "1700000000.123456").instant());
            assertEquals(Instant.parse("2023-11-14T22:13:20Z"), new ChatMessage("u", "t", "1700000000").instant());
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "abc", "1700000000.", ".5", "-1700000000.1", "1700000000.123456.1",
            "1e9", " 1700000000", "1700000000.1234567890", "9999999999999"})
        void rejectsInvalidTimestampsWithClearMessage(String ts) {
            IllegalArgumentException e =
                    assertThrows(IllegalArgumentException.class, () -> new ChatMessage("u", "t", ts));
            assertTrue(e.getMessage().contains("Invalid Slack timestamp '" + ts + "'"), e.getMessage());
        }

        @Test
        void rejectsNullFields() {
            assertThrows(IllegalArgumentException.class, () -> new ChatMessage("u", "t", null));
            assertThrows(IllegalArgumentException.class, () -> new ChatMessage(null, "t", "1"));
            assertThrows(IllegalArgumentException.class, () -> new ChatMessage("u", null, "1"));
        }
    }

    @Nested
    class Title {

        @Test
        void firstNonBlankLineWithMarkupStripped() {
            assertEquals("Deploy failed on prod, see the log for err_code",
                    SlackMarkdown.titleFrom("\n  \n*Deploy* _failed_ on ~prod~, see <https://x.example|the log> "
                            + "for `err_code`\nsecond line"));
        }

        @Test
        void mentionsAndEntitiesBecomeReadable() {
            assertEquals("@alice & #general: is <prod> down? @here",
                    SlackMarkdown.titleFrom("<@U1|alice> &amp; <#C1|general>: is &lt;prod&gt; down? <!here>"));
        }

        @Test
        void linkWithoutLabelKeepsUrl() {
            assertEquals("see https://x.example/a_b", SlackMarkdown.titleFrom("see <https://x.example/a_b>"));
        }

        @Test
        void quoteAndBulletMarkersAreRemoved() {
            assertEquals("quoted question", SlackMarkdown.titleFrom("&gt; quoted question"));
            assertEquals("first item", SlackMarkdown.titleFrom("• first item\n• second"));
            assertEquals("rest", SlackMarkdown.titleFrom("&gt;&gt;&gt; rest"));
        }

        @Test
        void codeBlockContentCounts() {
            assertEquals("kubectl get pods", SlackMarkdown.titleFrom("```\nkubectl get pods\n```"));
        }

        @Test
        void whitespaceIsCollapsed() {
            assertEquals("a b c", SlackMarkdown.titleFrom("  a \t b    c  "));
        }

        @Test
        void longTextIsCutOnAWordBoundary() {
            String text = "word ".repeat(60);
            String title = SlackMarkdown.titleFrom(text);
            assertTrue(title.length() <= 200, title);
            assertTrue(title.endsWith("word…"), title);
            assertEquals("word ".repeat(39) + "word…", title);
        }

        @Test
        void exactlyTwoHundredCharactersIsNotCut() {
            String text = "x".repeat(200);
            assertEquals(text, SlackMarkdown.titleFrom(text));
        }

        @Test
        void singleHugeWordIsHardCut() {
            assertEquals("y".repeat(199) + "…", SlackMarkdown.titleFrom("y".repeat(300)));
        }

        @Test
        void emptyMessageGetsDefaultTitle() {
            assertEquals("Captured from chat", SlackMarkdown.titleFrom(""));
            assertEquals("Captured from chat", SlackMarkdown.titleFrom(" \n\t\n"));
            assertEquals("Captured from chat", SlackMarkdown.titleFrom("``` ```"));
        }

        @Test
        void rejectsNull() {
            assertThrows(IllegalArgumentException.class, () -> SlackMarkdown.titleFrom(null));
        }
    }
}
