package dev.verity.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Gives the demo cards verification states worth looking at: one verified by alice with a comment, one flagged by
 * bob, one whose verification lapsed (expired by the service's own expiry pass). Actions go through
 * verification-service's API as the users would; only the lapse is made by ageing the card's last verification in
 * verification-service's database, since no API can make time pass.
 */
final class VerificationDemo {

    private VerificationDemo() {
    }

    /**
     * @param cardLines "id  title" lines DemoData printed, in the order the cards were created
     * @return lines describing what was done
     */
    static List<String> apply(List<String> cardLines, String verificationUrl, Endpoints endpoints, String database,
            String aliceToken, String bobToken) {
        List<UUID> cards = cardLines.stream().map(line -> line.split("\\s+", 2)[0]).filter(id -> id.length() == 36)
                .map(UUID::fromString).toList();
        List<String> done = new ArrayList<>();
        if (cards.size() < 3) {
            return done;
        }
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        for (UUID card : cards) {
            awaitRecord(http, verificationUrl, aliceToken, card);
        }
        send(http, verificationUrl + "/verifications/" + cards.get(0) + "/verify", aliceToken,
                "{\"comment\": \"Checked against the release notes\"}");
        done.add(cards.get(0) + "  verified by alice");
        send(http, verificationUrl + "/verifications/" + cards.get(1) + "/unverify", bobToken,
                "{\"reason\": \"A customer says this changed last week\"}");
        done.add(cards.get(1) + "  flagged by bob");
        age(endpoints, database, cards.get(2));
        done.add(cards.get(2) + "  last verified 40 days ago: the next expiry pass (within 30 s) expires it");
        return done;
    }

    private static void awaitRecord(HttpClient http, String baseUrl, String token, UUID card) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/verifications/" + card))
                    .timeout(Duration.ofSeconds(10)).header("Authorization", "Bearer " + token).GET().build();
            try {
                if (http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
                Thread.sleep(250); // polling another process over HTTP: nothing to wait on but time
            } catch (IOException e) {
                throw new UncheckedIOException("verification-service did not answer while loading demo data", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("verification-service has no record of demo card " + card + " after 60 s");
    }

    private static void send(HttpClient http, String url, String token, String json) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("demo data: POST " + url + " answered " + response.statusCode() + ": "
                        + response.body());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("verification-service did not answer while loading demo data", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Moves the card's last verification 40 days back, so it fell due 10 days ago (interval 30). */
    private static void age(Endpoints endpoints, String database, UUID card) {
        try (Connection db = DriverManager.getConnection(endpoints.jdbcUrl(database), endpoints.pgUser(),
                endpoints.pgPassword());
                PreparedStatement sql = db.prepareStatement("""
                        UPDATE verification_record
                           SET last_verified_at = now() - interval '40 days', interval_days = 30, verify_on = NULL,
                               next_due_at = now() - interval '10 days', expires_at = now() - interval '10 days',
                               due_soon_pending = false
                         WHERE card_id = ? AND status = 'VERIFIED'""")) {
            sql.setObject(1, card);
            sql.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("demo data: could not age card " + card + ": " + e.getMessage(), e);
        }
    }
}
