package dev.verity.search.index;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class StemsTest {

    @Test
    void englishWordsShareTheStemOfTheirForms() {
        assertEquals(Stems.english("refund"), Stems.english("refunds"));
        assertEquals(Stems.english("cancel the order"), Stems.english("cancelling orders"));
    }

    @Test
    void italianWordsShareTheStemOfTheirForms() {
        assertEquals(Stems.italian("rimborso"), Stems.italian("rimborsi"));
        assertEquals(Stems.italian("file compresso"), Stems.italian("file compressi"));
    }

    @Test
    void stopWordsHaveNoStem() {
        assertEquals("", Stems.english("the"));
        assertEquals("", Stems.italian("di"));
        assertEquals("", Stems.english(null));
    }
}
