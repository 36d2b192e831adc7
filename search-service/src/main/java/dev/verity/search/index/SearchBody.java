package dev.verity.search.index;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.events.CardStatuses;
import dev.verity.events.VerificationStatuses;
import dev.verity.platform.access.ReadScope;
import java.util.Arrays;
import java.util.List;

/**
 * The Elasticsearch request for a {@link CardQuery}. What keeps it fast: every restriction is a filter (cached,
 * unscored), the total is counted exactly only up to {@link #TOTAL_CAP}, only the title and one body fragment are
 * highlighted, and typos are tolerated only in a second pass when the exact words find too little.
 */
public final class SearchBody {

    /** Totals above this are reported as "at least". */
    static final int TOTAL_CAP = 1000;
    /** The text fields whose words are also matched in their English and Italian forms. */
    static final String[] STEMMED = {"title", "bodyText"};

    /** Facet values returned per facet. */
    static final int FACET_SIZE = 20;

    /** Facet name → indexed field. */
    public static final String[][] FACETS = {{"collection", "collectionId"}, {"tag", "tags"}, {"verification", "verification"}};

    private SearchBody() {
    }

    /**
     * @param pass how strictly the words must match ({@link SearchPass}): with typos, one edit in words of 4–7
     *             letters, two from 8, the first letter fixed (so {@code parcel} does not drift to {@code parte},
     *             {@code panel} or {@code cancel}), few expansions
     */
    public static ObjectNode of(ObjectMapper mapper, CardQuery query, ReadScope scope, SearchPass pass, Analysis analysis) {
        ObjectNode body = mapper.createObjectNode();
        body.put("size", query.size());
        body.put("track_total_hits", TOTAL_CAP);
        ObjectNode bool = mapper.createObjectNode();
        // every word somewhere (title, tags or text), each scored by the field it fits best: unlike one AND match
        // over best_fields, the words need not all sit in the same field
        List<String> words = words(query.text());
        ArrayNode clauses;
        if (pass == SearchPass.MOST_WORDS) {
            // all but one word: the more of them a card holds, the higher it scores
            ObjectNode most = bool.withArray("must").addObject().with("bool");
            most.put("minimum_should_match", words.size() - 1);
            clauses = most.withArray("should");
        } else {
            clauses = bool.withArray("must");
        }
        for (String word : words) {
            // the word as written (title 3x, tags 2x, text), or any English or Italian form of it (half weight),
            // stemmed by the service or by Elasticsearch (Analysis)
            ArrayNode forms = clauses.addObject().with("bool").put("minimum_should_match", 1).withArray("should");
            ObjectNode match = forms.addObject().with("multi_match");
            match.put("query", word);
            match.putArray("fields").add("title^3").add("tags^2").add("bodyText").add("body");
            match.put("type", "best_fields");
            if (pass.fuzzy()) {
                match.put("fuzziness", "AUTO:4,8");
                match.put("prefix_length", 1);
                match.put("max_expansions", 20);
            }
            if (analysis == Analysis.ELASTICSEARCH) {
                for (String[] language : Analysis.LANGUAGES) {
                    ObjectNode stemmed = forms.addObject().with("multi_match");
                    stemmed.put("query", word).put("type", "best_fields").put("boost", 0.5);
                    ArrayNode fields = stemmed.putArray("fields");
                    for (String field : STEMMED) {
                        fields.add(field + "." + language[0]);
                    }
                }
            } else {
                stem(forms, "stemsEn", Stems.english(word));
                stem(forms, "stemsIt", Stems.italian(word));
            }
        }
        // the words as a phrase, in the title or the text, lift a card above one that merely holds them all
        ArrayNode should = bool.withArray("should");
        should.addObject().with("match_phrase").with("title").put("query", query.text()).put("slop", 1)
                .put("boost", 2);
        should.addObject().with("match_phrase").with("bodyText").put("query", query.text()).put("slop", 2);
        filters(bool.withArray("filter"), query, scope);

        ObjectNode functionScore = body.with("query").with("function_score");
        functionScore.set("query", mapper.createObjectNode().set("bool", bool));
        trust(functionScore.putArray("functions"));
        functionScore.put("score_mode", "multiply");
        functionScore.put("boost_mode", "multiply");

        body.putArray("sort").add(mapper.createObjectNode().put("_score", "desc"))
                .add(mapper.createObjectNode().put("id", "asc"));
        if (query.after() != null) {
            body.putArray("search_after").add(query.after().score()).add(query.after().id());
        }
        highlight(body.with("highlight"));
        if (query.firstPage()) {
            ObjectNode aggs = body.with("aggs");
            for (String[] facet : FACETS) {
                aggs.with(facet[0]).with("terms").put("field", facet[1]).put("size", FACET_SIZE);
            }
        }
        return body;
    }

    private static void stem(ArrayNode forms, String field, String stem) {
        if (!stem.isEmpty()) {
            forms.addObject().with("match").with(field).put("query", stem).put("boost", 0.5);
        }
    }

    /** At most this many words count; a longer query is mostly noise. */
    static final int MAX_WORDS = 32;

    /**
     * The query's words, split where the index's analyzer (Unicode word boundaries) would: letters and digits form
     * words, and so does an apostrophe between letters, so Italian {@code l'activity} stays one word as it is one
     * token in the index. Split there, the lone {@code l} would match nothing and sink the whole query.
     */
    public static List<String> words(String text) {
        return Arrays.stream(text.split("[^\\p{L}\\p{N}'\u2019]+"))
                .map(w -> w.replaceAll("^['\u2019]+|['\u2019]+$", ""))
                .filter(w -> !w.isEmpty()).limit(MAX_WORDS).toList();
    }

    /**
     * Verified cards first, and among them the recently verified: a verification loses half its lift over about
     * half a year. An unverified card sinks below one whose state is not known yet. Then popular cards, a little.
     */
    private static void trust(ArrayNode functions) {
        functions.addObject().put("weight", 1.5).with("filter").with("term")
                .put("verification", VerificationStatuses.VERIFIED);
        functions.addObject().put("weight", 0.7).with("filter").with("term")
                .put("verification", VerificationStatuses.UNVERIFIED);
        ObjectNode freshness = functions.addObject();
        freshness.with("filter").with("term").put("verification", VerificationStatuses.VERIFIED);
        freshness.with("gauss").with("verifiedAt").put("origin", "now").put("offset", "30d").put("scale", "150d")
                .put("decay", 0.5);
        // cards many people opened from a search rise a little, in two bounded steps (at most 1.21x): relevance and
        // trust stay first, and a few clicks cannot run away with the ranking
        for (int people : POPULAR) {
            functions.addObject().put("weight", 1.1).with("filter").with("range").with("popularity").put("gte", people);
        }
    }

    /** Popularity (people who opened the card from a search) from which a card gets each 1.1x lift. */
    static final int[] POPULAR = {3, 30};

    /** Restrictions never score; the read scope is always one of them, so nothing unreadable is ever counted. */
    private static void filters(ArrayNode filter, CardQuery query, ReadScope scope) {
        restrict(filter, scope);
        if (query.collectionId() != null) {
            filter.addObject().with("term").put("collectionId", query.collectionId().toString());
        }
        if (query.folderIds() != null) {
            // a card filed in the folder or any folder below it (expanded from the folder tree by the caller)
            ArrayNode folders = filter.addObject().with("terms").putArray("folderIds");
            query.folderIds().forEach(id -> folders.add(id.toString()));
        }
        for (String tag : query.tags()) {
            filter.addObject().with("term").put("tags", tag);
        }
        if (query.verification() != null) {
            filter.addObject().with("term").put("verification", query.verification());
        }
        if (query.ownerId() != null) {
            filter.addObject().with("term").put("ownerId", query.ownerId());
        }
        if (query.updatedFrom() != null || query.updatedTo() != null) {
            ObjectNode range = filter.addObject().with("range").with("updatedAt");
            if (query.updatedFrom() != null) {
                range.put("gte", query.updatedFrom().toString());
            }
            if (query.updatedTo() != null) {
                range.put("lt", query.updatedTo().toString());
            }
        }
    }

    private static void highlight(ObjectNode highlight) {
        highlight.putArray("pre_tags").add("<mark>");
        highlight.putArray("post_tags").add("</mark>");
        highlight.put("encoder", "html");
        ObjectNode fields = highlight.with("fields");
        fields.with("bodyText").put("fragment_size", 160).put("number_of_fragments", 1).put("no_match_size", 160);
        fields.with("title").put("number_of_fragments", 0);
    }

    /**
     * Titles holding what was typed so far: every finished word, and the last (unfinished) one as a prefix
     * ({@code match_bool_prefix}, a core query: this Elasticsearch build lacks {@code search_as_you_type}).
     */
    public static ObjectNode suggestions(ObjectMapper mapper, String prefix, ReadScope scope, int size) {
        ObjectNode body = mapper.createObjectNode();
        body.put("size", size);
        body.put("track_total_hits", false);
        body.putArray("_source").add("id").add("slug").add("title");
        ObjectNode bool = body.with("query").with("bool");
        ObjectNode match = bool.withArray("must").addObject().with("match_bool_prefix").with("title");
        match.put("query", prefix);
        match.put("operator", "and");
        match.put("max_expansions", 50);
        restrict(bool.withArray("filter"), scope);
        return body;
    }

    /**
     * Published, readable cards whose title and text share the most telling words with {@code text} (Elasticsearch's
     * more_like_this): "this may already exist" for a draft, "see also" for a card.
     */
    public static ObjectNode similar(ObjectMapper mapper, String text, String excludeId, ReadScope scope, int size) {
        ObjectNode body = mapper.createObjectNode();
        body.put("size", size);
        body.put("track_total_hits", false);
        ObjectNode bool = body.with("query").with("bool");
        ObjectNode like = bool.withArray("must").addObject().with("more_like_this");
        like.putArray("fields").add("title").add("bodyText");
        like.put("like", text);
        like.put("min_term_freq", 1);
        like.put("min_doc_freq", 1);
        like.put("max_query_terms", 25);
        like.put("minimum_should_match", "30%");
        restrict(bool.withArray("filter"), scope);
        if (excludeId != null) {
            bool.withArray("must_not").addObject().with("ids").putArray("values").add(excludeId);
        }
        highlight(body.with("highlight"));
        return body;
    }

    /** Only published cards of readable collections. */
    private static void restrict(ArrayNode filter, ReadScope scope) {
        filter.addObject().with("term").put("status", CardStatuses.PUBLISHED);
        if (!scope.unrestricted()) {
            ArrayNode collections = filter.addObject().with("terms").putArray("collectionId");
            scope.collectionIds().forEach(id -> collections.add(id.toString()));
        }
    }

    /** "Did you mean": the most frequent close spelling of each word, from titles and text. */
    public static ObjectNode suggestion(ObjectMapper mapper, String text) {
        ObjectNode body = mapper.createObjectNode();
        body.put("size", 0);
        ObjectNode suggest = body.with("suggest");
        suggest.put("text", text);
        suggest.with("words").with("term").put("field", "bodyText").put("suggest_mode", "popular")
                .put("prefix_length", 1).put("size", 1);
        return body;
    }
}
