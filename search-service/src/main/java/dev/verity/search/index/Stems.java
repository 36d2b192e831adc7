package dev.verity.search.index;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.it.ItalianAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * English and Italian stems of a text, computed here with Lucene's own language analyzers because the local
 * Elasticsearch build has none: the stems are indexed as plain whitespace-separated words ({@code stemsEn},
 * {@code stemsIt}) and a query's words are stemmed the same way, so "refunds" finds "refund" and "rimborsi"
 * finds "rimborso". Stop words ("the", "di") have no stem. Thread-safe: Lucene analyzers reuse one token stream per
 * thread.
 */
final class Stems {

    private static final Analyzer ENGLISH = new EnglishAnalyzer();
    private static final Analyzer ITALIAN = new ItalianAnalyzer();

    private Stems() {
    }

    static String english(String text) {
        return String.join(" ", tokens(ENGLISH, text));
    }

    static String italian(String text) {
        return String.join(" ", tokens(ITALIAN, text));
    }

    private static List<String> tokens(Analyzer analyzer, String text) {
        List<String> tokens = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return tokens;
        }
        try (TokenStream stream = analyzer.tokenStream("text", text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                tokens.add(term.toString());
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException("analysing a string cannot fail on I/O", e);
        }
        return tokens;
    }
}
