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

    /**
     * Registers the demo people (alice, bob, admin; groups support and billing-experts), creates alice's
     * "Support handbook" collection (group support may author in it) and posts every demo card into it.
     *
     * @return "id  title" lines of the cards created
     */
    static List<String> load(String cardServiceUrl, String adminToken, String aliceToken) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        send(http, cardServiceUrl + "/directory/users/alice", "PUT", adminToken,
                "{\"name\": \"Alice Author\", \"email\": \"alice@verity.dev\"}", 200, 201);
        send(http, cardServiceUrl + "/directory/users/bob", "PUT", adminToken,
                "{\"name\": \"Bob Agent\", \"email\": \"bob@verity.dev\"}", 200, 201);
        send(http, cardServiceUrl + "/directory/users/admin", "PUT", adminToken,
                "{\"name\": \"Ada Admin\", \"email\": \"admin@verity.dev\"}", 200, 201);
        send(http, cardServiceUrl + "/directory/groups/support", "PUT", adminToken,
                "{\"name\": \"Support team\", \"memberIds\": [\"alice\", \"bob\"]}", 200, 201);
        send(http, cardServiceUrl + "/directory/groups/billing-experts", "PUT", adminToken,
                "{\"name\": \"Billing experts\", \"memberIds\": [\"alice\"]}", 200, 201);
        String collection = send(http, cardServiceUrl + "/collections", "POST", aliceToken, """
                {"name": "Support handbook", "description": "Answers the support team gives every day",
                 "color": "#2a9d8f", "defaultVerifierId": "alice", "defaultVerificationIntervalDays": 90,
                 "access": [{"principalType": "GROUP", "principalId": "support", "role": "AUTHOR"}]}""", 201);
        Matcher collectionId = ID.matcher(collection);
        if (!collectionId.find()) {
            throw new IllegalStateException("card-service answered a collection without id: " + collection);
        }
        List<String> created = new ArrayList<>();
        for (String card : cards()) {
            String body = "{\"collectionId\": \"" + collectionId.group(1) + "\", " + card.strip().substring(1);
            String response = send(http, cardServiceUrl + "/cards", "POST", aliceToken, body, 201);
            Matcher id = ID.matcher(response);
            Matcher title = TITLE.matcher(card);
            created.add((id.find() ? id.group(1) : "?") + "  " + (title.find() ? title.group(1) : "?"));
        }
        return created;
    }

    private static String send(HttpClient http, String url, String method, String token, String json,
            int... expected) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(json))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            for (int status : expected) {
                if (response.statusCode() == status) {
                    return response.body();
                }
            }
            throw new IllegalStateException("demo data: " + method + " " + url + " answered "
                    + response.statusCode() + ": " + response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("card-service did not answer while loading demo data", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
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
