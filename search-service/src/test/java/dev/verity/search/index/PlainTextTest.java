package dev.verity.search.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class PlainTextTest {

    @Test
    void markupGoesAndTheWordsStay() {
        assertEquals("Open the order, choose Refund, pick the items.",
                PlainText.of("Open the order, choose **Refund**, pick the _items_."));
    }

    @Test
    void htmlEntitiesAreDecoded() {
        assertEquals("Use /usr/bin/tar & friends", PlainText.of("Use &#x2F;usr&#x2F;bin&#x2F;tar &amp; friends"));
    }

    @Test
    void linksAndCodeReadAsQuotedText() {
        String text = PlainText.of("# Tar\n\nSee [the manual](https://example.org/tar) or run `tar -xf file.tar`.");
        assertEquals("Tar\nSee \"the manual\" (https://example.org/tar) or run \"tar -xf file.tar\".", text);
    }

    @Test
    void nothingStaysNothing() {
        assertNull(PlainText.of(null));
        assertEquals("", PlainText.of(""));
    }
}
