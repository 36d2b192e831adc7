package dev.verity.search.index;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The query is cut into words where Elasticsearch's standard tokenizer cuts the indexed text. */
class SearchWordsTest {

    @Test
    void anApostropheBetweenLettersKeepsAnElidedItalianWordWhole() {
        assertEquals(List.of("Avvia", "l'activity", "con", "un\u2019intent"),
                SearchBody.words("Avvia l'activity con un\u2019intent"));
    }

    @Test
    void punctuationAndStrayApostrophesSplitWords() {
        assertEquals(List.of("refund", "customers", "orders", "v2"),
                SearchBody.words("'refund', customers' (orders) v2!"));
    }

    @Test
    void aLongQueryKeepsItsFirstWordsOnly() {
        assertEquals(SearchBody.MAX_WORDS, SearchBody.words("word ".repeat(100)).size());
    }
}
