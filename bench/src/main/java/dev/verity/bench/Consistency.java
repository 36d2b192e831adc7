package dev.verity.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.verity.events.CardEventTypes;
import dev.verity.stack.Endpoints;
import dev.verity.stack.VeritySystem;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Compares every card card-service holds (read from its tables with JDBC) with what each consumer holds, read
 * directly too: search-service's documents in Elasticsearch (version and status; a deleted card a tombstone or
 * absent, and its verification state), verification-service's records (card version, state and verification
 * status: the index must show the same status, "unknown" counting as stale; a deleted card remembered as deleted) and
 * notification-service's memory of each card's version and its verification-assigned notifications (exactly one
 * per card: every card names the same user as verifier and never changes it).
 */
final class Consistency {

    /** A card as card-service holds it; a deleted card has the delete's version and status DELETED. */
    record CardState(UUID id, long version, String status) {
        boolean deleted() {
            return DELETED.equals(status);
        }
    }

    /** Every card at one moment (a consistent read of card-service's tables). */
    record Snapshot(Map<UUID, CardState> cards) {
    }

    /** Problems found by one check; {@code examples} name the card and the consumer, one line each. */
    record Counts(long lost, long duplicated, long stale, List<String> keys, List<String> examples) {

        boolean converged() {
            return lost == 0 && stale == 0;
        }

        /** Only the problems not counted before (recorded in {@code reported}). */
        Counts onlyNew(Set<String> reported) {
            long l = 0;
            long d = 0;
            long s = 0;
            List<String> newKeys = new ArrayList<>();
            List<String> newExamples = new ArrayList<>();
            for (int i = 0; i < keys.size(); i++) {
                String key = keys.get(i);
                if (reported.add(key)) {
                    newKeys.add(key);
                    newExamples.add(examples.get(i));
                    switch (key.substring(0, key.indexOf(':'))) {
                        case "lost" -> l++;
                        case "duplicated" -> d++;
                        default -> s++;
                    }
                }
            }
            return new Counts(l, d, s, newKeys, newExamples);
        }
    }

    record Totals(long cards, long live, long deleted, long notifications) {
    }

    static final String DELETED = "DELETED";

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final Endpoints endpoints;
    private final String instance;
    private final String verifier;
    private final String alias;

    Consistency(Endpoints endpoints, String instance, String verifier) {
        this.endpoints = endpoints;
        this.instance = instance;
        this.verifier = verifier;
        this.alias = instance + "-cards";
    }

    private String database(String service) {
        return VeritySystem.SERVICES.stream().filter(s -> s.name().equals(service)).findFirst().orElseThrow()
                .database() + "_" + instance;
    }

    /**
     * A fresh start: drops the instance's four databases and its search index, so the checks see only this run.
     * (Its topics stay: the consumer groups' offsets skip what earlier runs sent.)
     */
    void wipe() throws Exception {
        try (Connection c = FaultBench.connect(endpoints, "postgres"); Statement st = c.createStatement()) {
            for (VeritySystem.Service service : VeritySystem.SERVICES) {
                st.execute("DROP DATABASE IF EXISTS \"" + service.database() + "_" + instance + "\" WITH (FORCE)");
            }
        }
        HttpResponse<String> aliases = FaultBench.send(http, FaultBench.request(endpoints.elasticsearchUrl()
                + "/_alias/" + alias).GET().build());
        if (aliases.statusCode() == 200) {
            for (Iterator<String> it = FaultBench.json(aliases.body()).fieldNames(); it.hasNext(); ) {
                String index = it.next();
                FaultBench.send(http, FaultBench.request(endpoints.elasticsearchUrl() + "/" + index).DELETE().build());
            }
        }
        System.out.printf("[faults] wiped the %s databases and search index %s%n", instance, alias);
    }

    /** card-service's cards, live and deleted (from its outbox's card.deleted events), in one transaction. */
    Snapshot snapshot() throws SQLException {
        Map<UUID, CardState> cards = new HashMap<>();
        try (Connection c = FaultBench.connect(endpoints, database("card-service"))) {
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            try (Statement st = c.createStatement()) {
                try (ResultSet rs = st.executeQuery("SELECT id, version, status FROM card")) {
                    while (rs.next()) {
                        UUID id = rs.getObject(1, UUID.class);
                        cards.put(id, new CardState(id, rs.getLong(2), rs.getString(3)));
                    }
                }
                try (ResultSet rs = st.executeQuery("SELECT (payload::jsonb ->> 'cardId')::uuid,"
                        + " (payload::jsonb ->> 'cardVersion')::bigint FROM outbox_event WHERE type = '"
                        + CardEventTypes.DELETED + "'")) {
                    while (rs.next()) {
                        UUID id = rs.getObject(1, UUID.class);
                        cards.put(id, new CardState(id, rs.getLong(2), DELETED));
                    }
                }
            }
            c.commit();
        }
        return new Snapshot(cards);
    }

    /** What each consumer holds now, compared with the snapshot and with what card-service acknowledged. */
    Counts check(Snapshot snapshot, Map<UUID, CardWriters.Ack> acknowledged) throws Exception {
        Map<UUID, Doc> search = searchDocuments();
        Map<UUID, Record> records = new HashMap<>();
        Map<UUID, Long> deletedRecords;
        try (Connection c = FaultBench.connect(endpoints, database("verification-service"));
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT card_id, card_version, state, status FROM verification_record")) {
            while (rs.next()) {
                records.put(rs.getObject(1, UUID.class), new Record(rs.getLong(2), rs.getString(3), rs.getString(4)));
            }
            deletedRecords = FaultBench.longs(c, "SELECT card_id, card_version FROM deleted_card");
        }
        Map<UUID, Long> notifierVersions;
        Map<UUID, Long> assigned;
        try (Connection c = FaultBench.connect(endpoints, database("notification-service"))) {
            notifierVersions = FaultBench.longs(c, "SELECT card_id, card_version FROM card_verifier");
            assigned = FaultBench.longs(c, "SELECT card_id, count(*) FROM notification WHERE type = "
                    + "'VERIFICATION_ASSIGNED' AND recipient_id = '" + verifier + "' GROUP BY card_id");
        }
        // read after the consumers: the current state, to tell a write card-service lost from one made since
        Snapshot now = snapshot();

        Problems p = new Problems();
        acknowledged.forEach((id, ack) -> {
            CardState held = now.cards().get(id);
            if (held == null || held.version() < ack.version() || (ack.deleted() && !held.deleted())) {
                p.lost(id, "card-service", "acknowledged v" + ack.version() + (ack.deleted() ? " (deleted)" : "")
                        + " but holds " + (held == null ? "nothing" : "v" + held.version() + " " + held.status()));
            }
        });
        for (CardState card : snapshot.cards().values()) {
            checkSearch(p, card, search.get(card.id()));
            checkVerification(p, card, records.get(card.id()), deletedRecords.get(card.id()));
            checkVerificationInSearch(p, card, search.get(card.id()), records.get(card.id()));
            Long notified = notifierVersions.get(card.id());
            if (notified == null) {
                p.lost(card.id(), "notification-service", "has never seen the card (v" + card.version() + ")");
            } else if (notified < card.version()) {
                p.stale(card.id(), "notification-service", "holds v" + notified + ", card-service v" + card.version());
            }
            long notifications = assigned.getOrDefault(card.id(), 0L);
            if (notifications == 0) {
                p.lost(card.id(), "notification", "no verification-assigned notification for " + verifier);
            } else if (notifications > 1) {
                p.duplicated(card.id(), "notification", notifications + " verification-assigned notifications for "
                        + verifier);
            }
        }
        return p.counts();
    }

    private static void checkSearch(Problems p, CardState card, Doc doc) {
        if (card.deleted()) {
            if (doc != null && (doc.version() < card.version() || !DELETED.equals(doc.status()))) {
                p.stale(card.id(), "search", "deleted at v" + card.version() + " but the index holds v"
                        + doc.version() + " " + doc.status());
            }
        } else if (doc == null) {
            p.lost(card.id(), "search", "no document for v" + card.version());
        } else if (doc.version() < card.version()
                || (doc.version() == card.version() && !doc.status().equals(card.status()))) {
            p.stale(card.id(), "search", "holds v" + doc.version() + " " + doc.status() + ", card-service v"
                    + card.version() + " " + card.status());
        }
    }

    private static void checkVerification(Problems p, CardState card, Record record, Long deletedAt) {
        String state = "ARCHIVED".equals(card.status()) ? "ARCHIVED" : "ACTIVE";
        if (card.deleted()) {
            if (deletedAt != null && deletedAt >= card.version() && record == null) {
                return;
            }
            if (record == null && deletedAt == null) {
                p.lost(card.id(), "verification", "has neither a record nor the delete (v" + card.version() + ")");
            } else {
                p.stale(card.id(), "verification", "deleted at v" + card.version() + " but holds "
                        + (record != null ? "a record at v" + record.version() : "the delete at v" + deletedAt));
            }
        } else if (record == null) {
            if (deletedAt == null || deletedAt <= card.version()) {
                p.lost(card.id(), "verification", "no record for v" + card.version());
            }
        } else if (record.version() < card.version()
                || (record.version() == card.version() && !record.state().equals(state))) {
            p.stale(card.id(), "verification", "holds v" + record.version() + " " + record.state()
                    + ", card-service v" + card.version() + " " + card.status());
        }
    }

    /**
     * The trust badge, the {@code verification} filter and the ranking read the state search holds: it must be the
     * status verification-service holds (a new card's comes with {@code verification.started}).
     */
    private static void checkVerificationInSearch(Problems p, CardState card, Doc doc, Record record) {
        if (card.deleted() || doc == null || record == null || record.status().equals(doc.verification())) {
            return;
        }
        p.stale(card.id(), "search-verification", "the index says " + (doc.verification() == null ? "nothing (unknown)"
                : doc.verification()) + ", verification-service " + record.status());
    }

    private record Doc(long version, String status, String verification) {
    }

    private record Record(long version, String state, String status) {
    }

    /** Every document under the alias, with its (external) version, which is the card version. */
    private Map<UUID, Doc> searchDocuments() throws Exception {
        Map<UUID, Doc> docs = new HashMap<>();
        String es = endpoints.elasticsearchUrl();
        HttpResponse<String> page = FaultBench.send(http, FaultBench.request(es + "/" + alias + "/_search?scroll=1m")
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                        "{\"size\":1000,\"version\":true,\"_source\":[\"status\",\"verification\"],"
                                + "\"query\":{\"match_all\":{}}}"))
                .build());
        if (page.statusCode() == 404) {
            return docs; // no index yet
        }
        String scrollId = null;
        while (true) {
            if (page.statusCode() != 200) {
                throw new IllegalStateException("Elasticsearch answered " + page.statusCode() + ": " + page.body());
            }
            JsonNode body = FaultBench.json(page.body());
            scrollId = body.path("_scroll_id").asText();
            JsonNode hits = body.path("hits").path("hits");
            if (hits.isEmpty()) {
                break;
            }
            for (JsonNode hit : hits) {
                docs.put(UUID.fromString(hit.path("_id").asText()),
                        new Doc(hit.path("_version").asLong(), hit.path("_source").path("status").asText(),
                                hit.path("_source").path("verification").asText(null)));
            }
            page = FaultBench.send(http, FaultBench.request(es + "/_search/scroll")
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                            FaultBench.write(Map.of("scroll", "1m", "scroll_id", scrollId)))).build());
        }
        FaultBench.send(http, FaultBench.request(es + "/_search/scroll").header("Content-Type", "application/json")
                .method("DELETE", HttpRequest.BodyPublishers.ofString(FaultBench.write(Map.of("scroll_id", scrollId))))
                .build());
        return docs;
    }

    /** Figures for the table's heading. */
    Totals totals() throws Exception {
        Snapshot all = snapshot();
        long deleted = all.cards().values().stream().filter(CardState::deleted).count();
        long notifications;
        try (Connection c = FaultBench.connect(endpoints, database("notification-service"));
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM notification WHERE type = 'VERIFICATION_ASSIGNED'")) {
            rs.next();
            notifications = rs.getLong(1);
        }
        return new Totals(all.cards().size(), all.cards().size() - deleted, deleted, notifications);
    }

    private static final class Problems {
        private final List<String> keys = new ArrayList<>();
        private final List<String> examples = new ArrayList<>();
        private long lost;
        private long duplicated;
        private long stale;

        void lost(UUID card, String where, String what) {
            lost++;
            add("lost", card, where, what);
        }

        void duplicated(UUID card, String where, String what) {
            duplicated++;
            add("duplicated", card, where, what);
        }

        void stale(UUID card, String where, String what) {
            stale++;
            add("stale", card, where, what);
        }

        private void add(String kind, UUID card, String where, String what) {
            keys.add(kind + ":" + where + ":" + card);
            examples.add(kind + " " + where + " card " + card + ": " + what);
        }

        Counts counts() {
            return new Counts(lost, duplicated, stale, keys, examples);
        }
    }
}
