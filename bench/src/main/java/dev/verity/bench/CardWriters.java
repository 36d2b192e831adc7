package dev.verity.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The fault suite's load: a few clients, each writing its own cards through card-service's REST API at a steady
 * pace, in a realistic mix (create, edit, archive, delete an archived card). A write that fails (no answer, 5xx) is
 * counted and retried until card-service answers; a write card-service acknowledged is remembered
 * ({@link #acknowledged()}) so the checks can tell whether card-service still holds it.
 */
final class CardWriters {

    /** What card-service acknowledged last for a card: its version, and whether it was deleted. */
    record Ack(long version, boolean deleted) {
    }

    private static final Duration MAX_RETRY_PAUSE = Duration.ofSeconds(5);

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final String cards;
    private final String token;
    private final int clients;
    private final double rate;
    private final AtomicLong ok = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final Map<UUID, Ack> acknowledged = new ConcurrentHashMap<>();
    private final List<Thread> threads = new ArrayList<>();
    private final List<String> collections = new ArrayList<>();
    private volatile boolean running;
    private String verifier;

    CardWriters(String cardServiceUrl, String token, int clients, double rate) {
        this.cards = cardServiceUrl;
        this.token = token;
        this.clients = clients;
        this.rate = rate;
    }

    /** The verifier as a directory user (so notification-service knows whom it tells) and two collections. */
    void setUp(String verifier) throws Exception {
        this.verifier = verifier;
        String run = Long.toString(System.currentTimeMillis(), 36);
        expect(call("PUT", "/directory/users/" + verifier, FaultBench.map("name", "Vera Faults",
                "email", verifier + "@example.com"), null), 200, 201);
        for (String name : List.of("faults-" + run + "-billing", "faults-" + run + "-shipping")) {
            // the verifier may read the collection: card-service refuses a verifier who may not
            HttpResponse<String> created = expect(call("POST", "/collections", FaultBench.map("name", name,
                    "defaultVerifierId", verifier, "access", List.of(FaultBench.map("principalType", "USER",
                            "principalId", verifier, "role", "READ_ONLY"))), null), 201);
            collections.add(FaultBench.json(created.body()).path("id").asText());
        }
        System.out.printf("[faults] verifier %s in the directory; collections %s%n", verifier, collections);
    }

    void start() {
        running = true;
        long period = (long) (TimeUnit.SECONDS.toNanos(1) * clients / rate);
        for (int c = 0; c < clients; c++) {
            Client client = new Client(c, period);
            Thread thread = new Thread(client::run, "fault-writer-" + c);
            thread.setDaemon(true);
            thread.start();
            threads.add(thread);
        }
    }

    /** Stops taking new operations, lets each client finish (or give up) the one it is in, and waits for them. */
    void stop() throws InterruptedException {
        running = false;
        for (Thread thread : threads) {
            thread.join(TimeUnit.MINUTES.toMillis(2));
        }
    }

    long ok() {
        return ok.get();
    }

    long failed() {
        return failed.get();
    }

    Map<UUID, Ack> acknowledged() {
        return Map.copyOf(acknowledged);
    }

    /** One client and the cards it alone writes, so the versions it holds are current unless a retry committed. */
    private final class Client {
        private final int number;
        private final long period;
        private final Random random;
        private final List<Card> live = new ArrayList<>();
        private final List<Card> archived = new ArrayList<>();
        private int seq;

        Client(int number, long period) {
            this.number = number;
            this.period = period;
            this.random = new Random(number * 7919L + System.nanoTime());
        }

        void run() {
            // spread the clients over the period, so the load is steady rather than in bursts
            long next = System.nanoTime() + period * number / clients;
            while (running) {
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    try {
                        TimeUnit.NANOSECONDS.sleep(wait); // pacing the load, not waiting for a condition
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                next = Math.max(next + period, System.nanoTime());
                try {
                    if (operate()) {
                        ok.incrementAndGet();
                    }
                } catch (Exception e) {
                    System.out.printf("[faults] writer %d: %s%n", number, e.getMessage());
                }
            }
        }

        /** One operation of the mix; false when it was abandoned because the writers are stopping. */
        private boolean operate() throws Exception {
            double dice = random.nextDouble();
            if (live.size() < 3 || dice < 0.35) {
                return create();
            }
            if (dice < 0.75) {
                return edit(live.get(random.nextInt(live.size())));
            }
            if (dice < 0.88 || archived.isEmpty()) {
                return archive(live.get(random.nextInt(live.size())));
            }
            return delete(archived.get(random.nextInt(archived.size())));
        }

        private boolean create() throws Exception {
            String key = number + "-" + (++seq);
            String status = random.nextInt(5) == 0 ? "DRAFT" : "PUBLISHED";
            HttpResponse<String> response = retried("POST", "/cards", FaultBench.map(
                    "collectionId", collections.get(random.nextInt(collections.size())),
                    "title", "Refunds for card payments " + key, "body", body(key, 1), "tags", List.of("faults"),
                    "status", status, "verifierId", verifier), null);
            if (response == null) {
                return false;
            }
            expect(response, 201);
            JsonNode card = FaultBench.json(response.body());
            Card created = new Card(UUID.fromString(card.path("id").asText()), key, card.path("version").asLong());
            live.add(created);
            acknowledged.put(created.id, new Ack(created.version, false));
            return true;
        }

        private boolean edit(Card card) throws Exception {
            card.revision++;
            HttpResponse<String> response = retried("PUT", "/cards/" + card.id, FaultBench.map(
                    "title", "Refunds for card payments " + card.key + " (rev " + card.revision + ")",
                    "body", body(card.key, card.revision), "tags", List.of("faults", "rev" + card.revision % 5)),
                    card.version);
            if (response == null) {
                return false;
            }
            if (response.statusCode() == 412) {
                // an earlier attempt that got no answer had committed after all
                return refresh(card);
            }
            expect(response, 200);
            acknowledge(card, response);
            return true;
        }

        private boolean archive(Card card) throws Exception {
            HttpResponse<String> response = retried("POST", "/cards/" + card.id + "/archive", null, card.version);
            if (response == null) {
                return false;
            }
            if (response.statusCode() == 412 || response.statusCode() == 409) {
                return refresh(card); // committed by an attempt that got no answer
            }
            expect(response, 200);
            acknowledge(card, response);
            live.remove(card);
            archived.add(card);
            return true;
        }

        private boolean delete(Card card) throws Exception {
            HttpResponse<String> response = retried("DELETE", "/cards/" + card.id, null, null);
            if (response == null) {
                return false;
            }
            if (response.statusCode() != 404) { // 404: an attempt that got no answer had deleted it
                expect(response, 204);
            }
            archived.remove(card);
            // the delete is a version of its own: card-service bumps the version and publishes card.deleted
            acknowledged.put(card.id, new Ack(card.version + 1, true));
            return true;
        }

        /** Reads the card again after an ambiguous write; false when stopping. */
        private boolean refresh(Card card) throws Exception {
            HttpResponse<String> response = retried("GET", "/cards/" + card.id, null, null);
            if (response == null) {
                return false;
            }
            if (response.statusCode() == 404) {
                live.remove(card);
                archived.remove(card);
                acknowledged.put(card.id, new Ack(card.version + 1, true));
                return true;
            }
            expect(response, 200);
            acknowledge(card, response);
            boolean isArchived = "ARCHIVED".equals(FaultBench.json(response.body()).path("status").asText());
            live.remove(card);
            archived.remove(card);
            (isArchived ? archived : live).add(card);
            return true;
        }

        private void acknowledge(Card card, HttpResponse<String> response) throws IOException {
            card.version = FaultBench.json(response.body()).path("version").asLong();
            acknowledged.put(card.id, new Ack(card.version, false));
        }
    }

    private static final class Card {
        final UUID id;
        final String key;
        long version;
        int revision = 1;

        Card(UUID id, String key, long version) {
            this.id = id;
            this.key = key;
            this.version = version;
        }
    }

    /**
     * Sends until card-service gives a definite answer (anything but no answer, 429 or 5xx), counting each failed
     * attempt; null when the writers are stopping.
     */
    private HttpResponse<String> retried(String method, String path, Object body, Long ifMatch)
            throws InterruptedException {
        long pause = 250;
        while (running) {
            try {
                HttpResponse<String> response = call(method, path, body, ifMatch);
                if (response.statusCode() < 500 && response.statusCode() != 429) {
                    return response;
                }
            } catch (IOException e) {
                // no answer: card-service is down, or the connection broke mid-request
            }
            failed.incrementAndGet();
            TimeUnit.MILLISECONDS.sleep(pause); // back-off before the retry
            pause = Math.min(pause * 2, MAX_RETRY_PAUSE.toMillis());
        }
        return null;
    }

    private HttpResponse<String> call(String method, String path, Object body, Long ifMatch)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = FaultBench.request(cards + path).header("Authorization", "Bearer " + token)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(FaultBench.write(body)));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (ifMatch != null) {
            request.header("If-Match", "\"" + ifMatch + "\"");
        }
        return FaultBench.send(http, request.build());
    }

    private static HttpResponse<String> expect(HttpResponse<String> response, int... statuses) {
        for (int status : statuses) {
            if (response.statusCode() == status) {
                return response;
            }
        }
        throw new IllegalStateException(response.request().method() + " " + response.request().uri().getPath()
                + " answered " + response.statusCode() + ": " + response.body());
    }

    private static String body(String key, int revision) {
        return """
                ## Refunds for card payments (%s)

                Customers who paid by card get their money back within **3 to 5 business days**. Revision %d.

                - Open the order and choose **Refund**.
                - Pick the items and the reason; confirm.
                """.formatted(key, revision);
    }
}
