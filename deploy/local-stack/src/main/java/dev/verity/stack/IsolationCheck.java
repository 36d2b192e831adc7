package dev.verity.stack;

import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.jose4j.json.JsonUtil;
import org.jose4j.lang.JoseException;

/**
 * {@code ./verity run --check}: proves that the developer's system shows only what it wrote itself, nothing that
 * `./verity test` or a benchmark published. Every card the search index holds (tombstones of deleted cards aside)
 * must be a card of card-service's database, every card there must be indexed, every card a notification names
 * must be one card-service wrote (a card in its database, or one it published events for and has since deleted), and
 * every indexed card verification-service keeps a record of must show the same verification state in the index
 * (VERIFIED or UNVERIFIED; "unknown" is stale too): the trust badge, the filter and the ranking read it there.
 */
final class IsolationCheck {

    /** What the developer's system holds, as seen from each service's own store. */
    record Findings(Set<String> cards, Set<String> cardsEverPublished, Map<String, String> indexedStates,
            Set<String> notifiedCards, Map<String, String> verificationStates) {

        Set<String> indexed() {
            return indexedStates.keySet();
        }

        /** Indexed cards whose verification state differs from verification-service's (null in the index: unknown). */
        Set<String> staleVerification() {
            Set<String> stale = new TreeSet<>();
            verificationStates.forEach((id, status) -> {
                if (indexedStates.containsKey(id) && !status.equals(indexedStates.get(id))) {
                    stale.add(id);
                }
            });
            return stale;
        }

        Set<String> foreignInIndex() {
            return minus(indexed(), cards);
        }

        Set<String> missingFromIndex() {
            return minus(cards, indexed());
        }

        Set<String> foreignInNotifications() {
            Set<String> known = new HashSet<>(cards);
            known.addAll(cardsEverPublished);
            return minus(notifiedCards, known);
        }

        boolean clean() {
            return foreignInIndex().isEmpty() && missingFromIndex().isEmpty() && foreignInNotifications().isEmpty()
                    && staleVerification().isEmpty();
        }

        private static Set<String> minus(Set<String> a, Set<String> b) {
            Set<String> rest = new TreeSet<>(a);
            rest.removeAll(b);
            return rest;
        }
    }

    private IsolationCheck() {
    }

    /** Waits (the index is eventually consistent) until the findings are clean or the timeout passes. */
    static boolean verify(Endpoints endpoints, String alias, Duration timeout, PrintStream out) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Findings findings = read(endpoints, alias);
        while (!findings.clean() && System.nanoTime() < deadline) {
            ProcessSupport.sleep(2000);
            findings = read(endpoints, alias);
        }
        out.printf("[check] card-service holds %d cards; the search index %d (%d foreign, %d missing, %d with a "
                + "verification state other than verification-service's %d records say); notifications name %d cards "
                + "(%d foreign)%n", findings.cards().size(), findings.indexed().size(),
                findings.foreignInIndex().size(), findings.missingFromIndex().size(),
                findings.staleVerification().size(), findings.verificationStates().size(),
                findings.notifiedCards().size(), findings.foreignInNotifications().size());
        if (!findings.clean()) {
            out.println("[check] foreign in the index: " + sample(findings.foreignInIndex()));
            out.println("[check] missing from the index: " + sample(findings.missingFromIndex()));
            out.println("[check] verification state stale in the index: " + sample(findings.staleVerification()));
            out.println("[check] foreign in notifications: " + sample(findings.foreignInNotifications()));
        }
        return findings.clean();
    }

    static Findings read(Endpoints endpoints, String alias) {
        return new Findings(
                ids(endpoints, "verity_card", "SELECT id::text FROM card"),
                ids(endpoints, "verity_card", "SELECT DISTINCT record_key FROM outbox_event WHERE topic = 'verity.cards'"),
                indexed(endpoints, alias),
                ids(endpoints, "verity_notification", "SELECT DISTINCT card_id::text FROM notification"),
                pairs(endpoints, "verity_verification", "SELECT card_id::text, status FROM verification_record"));
    }

    private static Set<String> ids(Endpoints endpoints, String database, String sql) {
        Properties props = new Properties();
        props.setProperty("user", endpoints.pgUser());
        props.setProperty("password", endpoints.pgPassword());
        try (Connection c = DriverManager.getConnection(endpoints.jdbcUrl(database), props);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            Set<String> ids = new HashSet<>();
            while (rs.next()) {
                ids.add(rs.getString(1));
            }
            return ids;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read " + database + ": " + e.getMessage(), e);
        }
    }

    private static Map<String, String> pairs(Endpoints endpoints, String database, String sql) {
        Properties props = new Properties();
        props.setProperty("user", endpoints.pgUser());
        props.setProperty("password", endpoints.pgPassword());
        try (Connection c = DriverManager.getConnection(endpoints.jdbcUrl(database), props);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            Map<String, String> pairs = new HashMap<>();
            while (rs.next()) {
                pairs.put(rs.getString(1), rs.getString(2));
            }
            return pairs;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read " + database + ": " + e.getMessage(), e);
        }
    }

    /** Every live (non-tombstone) document id behind the alias with its verification state (null: unknown). */
    @SuppressWarnings("unchecked")
    private static Map<String, String> indexed(Endpoints endpoints, String alias) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        Map<String, String> ids = new HashMap<>();
        String after = null;
        try {
            while (true) {
                String body = "{\"size\":1000,\"_source\":[\"verification\"],\"sort\":[{\"id\":\"asc\"}],"
                        + "\"query\":{\"bool\":{\"must_not\":{\"term\":{\"status\":\"DELETED\"}}}}"
                        + (after == null ? "" : ",\"search_after\":[\"" + after + "\"]") + "}";
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                        URI.create(endpoints.elasticsearchUrl() + "/" + alias + "/_search"))
                        .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 404) {
                    return ids; // no index yet: nothing indexed
                }
                if (response.statusCode() != 200) {
                    throw new IllegalStateException("Elasticsearch answered " + response.statusCode() + ": "
                            + response.body());
                }
                Map<String, Object> result = JsonUtil.parseJson(response.body());
                List<Map<String, Object>> hits = (List<Map<String, Object>>) ((Map<String, Object>) result
                        .get("hits")).get("hits");
                if (hits.isEmpty()) {
                    return ids;
                }
                for (Map<String, Object> hit : hits) {
                    Map<String, Object> source = (Map<String, Object>) hit.get("_source");
                    ids.put((String) hit.get("_id"), source == null ? null : (String) source.get("verification"));
                }
                after = (String) ((List<Object>) hits.get(hits.size() - 1).get("sort")).get(0);
            }
        } catch (JoseException | java.io.IOException e) {
            throw new IllegalStateException("cannot read the search index " + alias + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static String sample(Set<String> ids) {
        return ids.isEmpty() ? "none" : ids.stream().limit(5).toList() + (ids.size() > 5 ? " and " + (ids.size() - 5)
                + " more" : "");
    }
}
