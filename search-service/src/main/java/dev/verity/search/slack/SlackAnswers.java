package dev.verity.search.slack;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.platform.access.CollectionAccess;
import dev.verity.platform.access.ReadScope;
import dev.verity.platform.access.Viewer;
import dev.verity.platform.slack.SlackApi;
import dev.verity.platform.slack.SlackConfig;
import dev.verity.platform.slack.SlackMessages;
import dev.verity.platform.slack.SlackPeople;
import dev.verity.search.index.CardQuery;
import dev.verity.search.search.CardSearch;
import dev.verity.search.search.SearchResponse;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jboss.logging.Logger;

/**
 * The answer to {@code /verity <question>}: the top cards the asker may read (the same search and read rules as
 * {@code GET /search}, as the directory user their verified email names), each with its trust badge, a link to the
 * card in the web app and a Share button (handled by card-service, the app's interactivity URL). Only the asker sees
 * it (ephemeral).
 */
@ApplicationScoped
public class SlackAnswers {

    private static final Logger LOG = Logger.getLogger(SlackAnswers.class);

    /** Cards per answer: a Slack message is read at a glance. */
    static final int TOP = 5;
    static final int MAX_QUESTION = 500;
    /** The Share button's action id: card-service's SlackInteractionsResource answers it. */
    static final String SHARE_ACTION = "share_card";

    private static final Map<String, String> WHY_UNVERIFIED = Map.of(
            "NEW", "never verified yet",
            "EXPIRED", "its verification lapsed",
            "FLAGGED", "flagged as possibly wrong",
            "EDITED_BY_NON_VERIFIER", "edited since it was verified",
            "VERIFIER_CHANGED", "its verifier changed",
            "VERIFIER_LOST_ACCESS", "its verifier lost access");

    private final SlackPeople people;
    private final SlackPeopleRepository directory;
    private final CollectionAccess access;
    private final CardSearch search;
    private final SlackConfig config;
    /** Searches run here, so a slow one can be answered through response_url after the 3-second ack. */
    private final ExecutorService searches = Executors.newFixedThreadPool(2, r -> {
        Thread thread = new Thread(r, "slack-searches");
        thread.setDaemon(true);
        return thread;
    });

    SlackAnswers(SlackPeople people, SlackPeopleRepository directory, CollectionAccess access, CardSearch search,
            SlackConfig config) {
        this.people = people;
        this.directory = directory;
        this.access = access;
        this.search = search;
        this.config = config;
    }

    ExecutorService executor() {
        return searches;
    }

    @PreDestroy
    void stop() {
        searches.shutdown();
    }

    /** The ephemeral message answering {@code question} for the Slack user, or saying why there is none. */
    @ActivateRequestContext
    public ObjectNode answer(String slackUserId, String question) {
        try {
            SlackPeople.Identified who = people.identify(slackUserId, directory::usersWithEmail);
            if (!who.known()) {
                return SlackMessages.ephemeral(who.refusal());
            }
            ReadScope scope = access.readScope(new Viewer(who.directoryUserId(), Set.of(), false));
            CardQuery query = new CardQuery(question, null, null, List.of(), null, null, null, null, TOP, null);
            return message(question, search.answer(question, query, scope, who.directoryUserId()));
        } catch (SlackApi.SlackCallFailed e) {
            return SlackMessages.ephemeral("Verity could not ask Slack who you are just now. Try again in a minute.");
        } catch (RuntimeException e) {
            LOG.warnf(e, "a Slack search failed");
            return SlackMessages.ephemeral("Verity could not search just now. Try again in a minute.");
        }
    }

    private ObjectNode message(String question, SearchResponse found) {
        String quoted = "“" + SlackMessages.escape(question) + "”";
        ObjectNode message = SlackMessages.ephemeral(found.hits().isEmpty()
                ? "Nothing you may read in Verity matches " + question
                : found.total() + " cards match " + question);
        ArrayNode blocks = message.putArray("blocks");
        if (found.hits().isEmpty()) {
            blocks.add(SlackMessages.section("Nothing you may read in Verity matches " + quoted + "."));
            return message;
        }
        blocks.add(SlackMessages.section("*" + (found.total() > TOP ? "Top " + TOP + " of " + found.total()
                : Long.toString(found.total())) + " for " + quoted + "*"));
        for (SearchResponse.SearchHit hit : found.hits()) {
            ObjectNode card = SlackMessages.section("*" + SlackMessages.link(web("/cards/" + hit.id()), hit.title())
                    + "*\n" + badge(hit) + (hit.snippet() == null ? "" : "\n" + snippet(hit.snippet())));
            ObjectNode share = card.putObject("accessory").put("type", "button").put("action_id", SHARE_ACTION)
                    .put("value", hit.id());
            share.set("text", SlackMessages.plain("Share"));
            blocks.add(card);
        }
        ObjectNode context = blocks.addObject().put("type", "context");
        context.putArray("elements").addObject().put("type", "mrkdwn").put("text", "Only you see this. "
                + SlackMessages.link(web("/search?q=" + URLEncoder.encode(question, StandardCharsets.UTF_8)),
                        "All results in Verity"));
        return message;
    }

    /** Verified by whom and until when, or unverified and why. */
    static String badge(SearchResponse.SearchHit hit) {
        if ("VERIFIED".equals(hit.verification())) {
            return ":white_check_mark: Verified by " + SlackMessages.escape(hit.verifierId())
                    + (hit.dueAt() == null ? "" : " · until " + hit.dueAt().substring(0, Math.min(10, hit.dueAt().length())));
        }
        if ("UNVERIFIED".equals(hit.verification())) {
            String why = hit.unverifiedReason() == null ? null
                    : WHY_UNVERIFIED.getOrDefault(hit.unverifiedReason(), hit.unverifiedReason().toLowerCase());
            return ":warning: Unverified" + (why == null ? "" : ": " + why);
        }
        return ":hourglass: Not verified yet";
    }

    /** The hit's snippet (HTML-escaped, matches in {@code <mark>}) as mrkdwn: matches in bold. */
    static String snippet(String html) {
        return html.replace("<mark>", "*").replace("</mark>", "*").replace("&quot;", "\"").replace("&#39;", "'")
                .replace("&#x27;", "'");
    }

    private String web(String path) {
        return config.webAppUrl().replaceAll("/+$", "") + path;
    }
}
