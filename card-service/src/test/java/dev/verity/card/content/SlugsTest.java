package dev.verity.card.content;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SlugsTest {

    private static final String SLUG_SHAPE = "[a-z0-9]+(-[a-z0-9]+)*";

    @Test
    void foldsAccentsAndPunctuation() {
        assertEquals("creme-brulee-faq", Slugs.slugify("Crème brûlée: FAQ!"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Perché la stampante è più lenta?      | perche-la-stampante-e-piu-lenta",
        "Città, qualità & velocità             | citta-qualita-velocita",
        "Über die Größe der Übergangslösung    | uber-die-grosse-der-ubergangslosung",
        "Straße ÄÖÜ äöü ß                      | strasse-aou-aou-ss",
        "Ærø Œuvre Łódź                        | aero-oeuvre-lodz",
        "Ça va? Señor Niño                     | ca-va-senor-nino",
        "  --Hello,   World--                  | hello-world",
        "VPN_Setup.v2 (macOS)                  | vpn-setup-v2-macos",
        "Release 3.14 / 2025-01-31             | release-3-14-2025-01-31",
        "İstanbul                              | istanbul",
    })
    void slugifies(String title, String expected) {
        assertEquals(expected, Slugs.slugify(title));
    }

    @Test
    void fallsBackToCardWhenNothingIsLeft() {
        assertEquals("card", Slugs.slugify("🎉🚀✨"));
        assertEquals("card", Slugs.slugify(""));
        assertEquals("card", Slugs.slugify("   "));
        assertEquals("card", Slugs.slugify("!!! --- ???"));
        assertEquals("card", Slugs.slugify("日本語のタイトル"));
    }

    @Test
    void dropsEmojiBetweenWords() {
        assertEquals("deploy-done", Slugs.slugify("Deploy 🚀 done ✅"));
    }

    @Test
    void cutsLongTitlesAtAHyphenBoundary() {
        String title = "How to reset the password of a locked account when the self service portal "
                + "is unavailable and the help desk is closed";
        String slug = Slugs.slugify(title);
        assertEquals("how-to-reset-the-password-of-a-locked-account-when-the-self-service-portal-is", slug);
        assertTrue(slug.length() <= 80, slug);
        assertTrue(slug.matches(SLUG_SHAPE), slug);
    }

    @Test
    void keepsAWordThatEndsExactlyAtTheLimit() {
        String title = "a".repeat(80) + " tail";
        assertEquals("a".repeat(80), Slugs.slugify(title));
        String seventyNine = "b".repeat(79) + " c tail";
        assertEquals("b".repeat(79), Slugs.slugify(seventyNine));
    }

    @Test
    void hardCutsASingleVeryLongWord() {
        String slug = Slugs.slugify("x".repeat(500));
        assertEquals("x".repeat(80), slug);
    }

    @Test
    void neverEndsWithHyphenAndStaysWithinLimit() {
        StringBuilder title = new StringBuilder();
        for (int i = 0; i < 200; i++) {
            title.append("wörd").append(i % 7 == 0 ? "!!! " : " ");
            String slug = Slugs.slugify(title.toString());
            assertTrue(slug.length() <= Slugs.MAX_LENGTH, slug);
            assertTrue(slug.matches(SLUG_SHAPE), slug);
            assertFalse(slug.endsWith("-"), slug);
        }
    }

    @Test
    void isIdempotent() {
        String slug = Slugs.slugify("Crème brûlée: FAQ!");
        assertEquals(slug, Slugs.slugify(slug));
    }

    @Test
    void rejectsNullTitle() {
        assertThrows(IllegalArgumentException.class, () -> Slugs.slugify(null));
    }

    @Test
    void appendsSuffix() {
        assertEquals("creme-brulee-faq-2", Slugs.withSuffix("creme-brulee-faq", 2));
        assertEquals("card-0", Slugs.withSuffix("card", 0));
    }

    @Test
    void suffixKeepsTotalWithinNinetyCharacters() {
        String slug = Slugs.slugify("word ".repeat(40));
        assertEquals(79, slug.length());
        String suffixed = Slugs.withSuffix(slug, 1234567890);
        assertTrue(suffixed.length() <= 90, suffixed);
        assertTrue(suffixed.endsWith("-1234567890"), suffixed);
        assertTrue(suffixed.matches(SLUG_SHAPE), suffixed);
        assertEquals("word-".repeat(15) + "word-1234567890", suffixed);

        String longWord = "y".repeat(85);
        assertEquals("y".repeat(79) + "-" + Integer.MAX_VALUE, Slugs.withSuffix(longWord, Integer.MAX_VALUE));
    }

    @Test
    void suffixOnMaximalSlugFitsWithoutCutting() {
        String slug = "z".repeat(80);
        assertEquals(slug + "-99", Slugs.withSuffix(slug, 99));
    }

    @Test
    void rejectsBadSuffixArguments() {
        assertThrows(IllegalArgumentException.class, () -> Slugs.withSuffix(null, 2));
        assertThrows(IllegalArgumentException.class, () -> Slugs.withSuffix(" ", 2));
        assertThrows(IllegalArgumentException.class, () -> Slugs.withSuffix("card", -1));
    }
}
