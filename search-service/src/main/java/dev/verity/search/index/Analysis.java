package dev.verity.search.index;

/**
 * Where English and Italian words are reduced to their stems (config {@code verity.search.analysis}). Both forms are
 * always indexed, so switching is a configuration change plus a rebuild (to fill the other form in older documents).
 */
public enum Analysis {
    /**
     * In the service, with Lucene's English and Italian analyzers, into {@code stemsEn}/{@code stemsIt}: works on any
     * Elasticsearch, including a build without the analysis-common module (the local stack's). The default.
     */
    SERVICE,
    /**
     * By Elasticsearch's own {@code english} and {@code italian} analyzers, on the sub-fields {@code title.en},
     * {@code title.it}, {@code bodyText.en}, {@code bodyText.it}: a full distribution has them, and they weigh title
     * and text apart. Startup refuses a node that lacks them.
     */
    ELASTICSEARCH;

    /** The language sub-fields, and the analyzer of each, that {@link #ELASTICSEARCH} adds to a text field. */
    static final String[][] LANGUAGES = {{"en", "english"}, {"it", "italian"}};
}
