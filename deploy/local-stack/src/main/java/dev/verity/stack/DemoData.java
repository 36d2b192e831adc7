package dev.verity.stack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Loads the demo cards through card-service's public API, exactly as a user would create them. */
final class DemoData {

    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f-]{36})\"");
    private static final Pattern TITLE = Pattern.compile("\"title\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

    private DemoData() {
    }

    /** Posts every demo card; returns "id  title" lines. */
    static List<String> load(String cardServiceUrl, String token) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        List<String> created = new ArrayList<>();
        for (String card : cards()) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(cardServiceUrl + "/cards"))
                    .timeout(Duration.ofSeconds(10))
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(card))
                    .build();
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 201) {
                    throw new IllegalStateException("demo card rejected with " + response.statusCode() + ": "
                            + response.body());
                }
                Matcher id = ID.matcher(response.body());
                Matcher title = TITLE.matcher(card);
                created.add((id.find() ? id.group(1) : "?") + "  " + (title.find() ? title.group(1) : "?"));
            } catch (IOException e) {
                throw new UncheckedIOException("card-service did not answer while loading demo data", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return created;
    }

    /** One card per line (NDJSON), each posted as it is. */
    static List<String> cards() {
        try (InputStream in = DemoData.class.getResourceAsStream("demo-cards.ndjson")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(line -> !line.isBlank())
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
