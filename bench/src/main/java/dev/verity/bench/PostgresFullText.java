package dev.verity.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * The baseline most open-source wikis use: PostgreSQL full-text search over the same pages, a weighted
 * {@code tsvector} (title A, text D) in a GIN index, each page analysed in its own language (english/italian),
 * queried with {@code websearch_to_tsquery} in both languages (the query's language is unknown) and ordered by
 * {@code ts_rank}. No permission filter: it flatters the baseline a little.
 */
final class PostgresFullText implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SEARCH = """
            SELECT id, count(*) OVER () AS total FROM (
              SELECT id, ts_rank(doc, q) AS rank
              FROM fts_page, (SELECT websearch_to_tsquery('english', ?) || websearch_to_tsquery('italian', ?) AS q) query
              WHERE doc @@ q ORDER BY rank DESC, id LIMIT 1000) ranked
            ORDER BY rank DESC, id LIMIT 10""";

    private final String url;
    private final Properties credentials;
    private final ThreadLocal<Connection> connections = new ThreadLocal<>();
    private final List<Connection> opened = new ArrayList<>();

    PostgresFullText(String url, String user, String password) {
        this.url = url;
        this.credentials = new Properties();
        credentials.setProperty("user", user);
        if (!password.isEmpty()) {
            credentials.setProperty("password", password);
        }
    }

    record Result(List<String> pageIds, long total) {
    }

    /** Loads every page of the corpus afresh; returns how many. */
    int load(Path corpus) throws Exception {
        try (Connection c = DriverManager.getConnection(url, credentials); Statement ddl = c.createStatement()) {
            ddl.execute("DROP TABLE IF EXISTS fts_page");
            ddl.execute("""
                    CREATE TABLE fts_page (id text PRIMARY KEY, lang regconfig NOT NULL, title text NOT NULL,
                      body text NOT NULL,
                      doc tsvector GENERATED ALWAYS AS (setweight(to_tsvector(lang, title), 'A')
                                                        || setweight(to_tsvector(lang, body), 'D')) STORED)""");
            c.setAutoCommit(false);
            int pages = 0;
            try (PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO fts_page (id, lang, title, body) VALUES (?, ?::regconfig, ?, ?)")) {
                for (String line : Files.readAllLines(corpus, StandardCharsets.UTF_8)) {
                    JsonNode page = JSON.readTree(line);
                    String markdown = page.path("markdown").asText();
                    String title = page.path("command").asText();
                    if (markdown.startsWith("# ")) {
                        int eol = markdown.indexOf('\n');
                        title = markdown.substring(2, eol < 0 ? markdown.length() : eol).strip();
                        markdown = eol < 0 ? "" : markdown.substring(eol + 1);
                    }
                    insert.setString(1, page.path("id").asText());
                    insert.setString(2, "it".equals(page.path("lang").asText()) ? "italian" : "english");
                    insert.setString(3, title);
                    insert.setString(4, markdown);
                    insert.addBatch();
                    if (++pages % 1000 == 0) {
                        insert.executeBatch();
                    }
                }
                insert.executeBatch();
            }
            c.commit();
            c.setAutoCommit(true);
            ddl.execute("CREATE INDEX fts_page_doc ON fts_page USING gin (doc)");
            ddl.execute("ANALYZE fts_page");
            return pages;
        }
    }

    /** The ten best pages and the matches counted up to 1,000 (the service's cap, for a like-for-like cost). */
    Result search(String query) throws SQLException {
        PreparedStatement statement = connection().prepareStatement(SEARCH);
        statement.setString(1, query);
        statement.setString(2, query);
        List<String> ids = new ArrayList<>();
        long total = 0;
        try (ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                ids.add(rows.getString(1));
                total = rows.getLong(2);
            }
        } finally {
            statement.close();
        }
        return new Result(ids, total);
    }

    private Connection connection() throws SQLException {
        Connection c = connections.get();
        if (c == null) {
            c = DriverManager.getConnection(url, credentials);
            connections.set(c);
            synchronized (opened) {
                opened.add(c);
            }
        }
        return c;
    }

    @Override
    public void close() throws SQLException {
        synchronized (opened) {
            for (Connection c : opened) {
                c.close();
            }
        }
    }
}
