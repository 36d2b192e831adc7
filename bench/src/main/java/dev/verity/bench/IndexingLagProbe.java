package dev.verity.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Write → searchable at a steady write rate: cards are created through {@code POST /cards} at a fixed rate (each
 * request started on its tick whatever the previous ones are doing, so a slow answer does not lower the rate), and
 * one probe asks Elasticsearch every 20 ms which of the cards still awaited are visible to search (an {@code ids}
 * query, which like every search sees only refreshed documents). The lag of a card runs from its POST returning
 * 201 (committed) to the first probe that finds it.
 */
final class IndexingLagProbe {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration GIVE_UP = Duration.ofSeconds(60);

    /**
     * @param toKafkaMillis for each searchable card whose event was seen on Kafka: from its POST returning to its
     *        {@code card.created} on the topic (the outbox relay's share); empty when the topic was not followed
     * @param kafkaToSearchableMillis the rest of the lag of those cards: consumer, {@code _bulk}, refresh
     */
    record Result(List<Double> lagsMillis, int written, int failedWrites, int neverSeen, double achievedRate,
            List<Double> toKafkaMillis, List<Double> kafkaToSearchableMillis) {
    }

    private IndexingLagProbe() {
    }

    static Result run(HttpClient http, String token, String cardsUrl, String collection, String searchUrlOfIndex,
            int perSecond, int seconds) throws Exception {
        return run(http, token, cardsUrl, collection, searchUrlOfIndex, perSecond, seconds, null);
    }

    /**
     * As above; {@code seenOnKafka} (card id → {@link System#nanoTime} its {@code card.created} reached the topic,
     * filled by a {@link TopicTail} while this runs; null for none) splits each lag in two.
     */
    static Result run(HttpClient http, String token, String cardsUrl, String collection, String searchUrlOfIndex,
            int perSecond, int seconds, Map<String, Long> seenOnKafka) throws Exception {
        List<Double> toKafka = Collections.synchronizedList(new ArrayList<>());
        List<Double> kafkaToSearchable = Collections.synchronizedList(new ArrayList<>());
        Map<String, Long> awaited = new ConcurrentHashMap<>();
        List<Double> lags = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger written = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        AtomicInteger inFlight = new AtomicInteger();
        int total = perSecond * seconds;
        AtomicInteger issued = new AtomicInteger();
        AtomicLong lastWriteDone = new AtomicLong();
        ScheduledExecutorService ticks = Executors.newSingleThreadScheduledExecutor();
        long started = System.nanoTime();
        ticks.scheduleAtFixedRate(() -> {
            int n = issued.getAndIncrement();
            if (n >= total) {
                return;
            }
            inFlight.incrementAndGet();
            String body = "{\"collectionId\":\"" + collection + "\",\"title\":\"Lag probe " + n
                    + "\",\"body\":\"How long until a new answer is found? Probe " + n + ".\",\"tags\":[\"bench\"]}";
            http.sendAsync(HttpRequest.newBuilder(URI.create(cardsUrl)).header("Authorization", "Bearer " + token)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString()).whenComplete((response, error) -> {
                        long returned = System.nanoTime();
                        try {
                            if (error == null && response.statusCode() == 201) {
                                awaited.put(JSON.readTree(response.body()).path("id").asText(), returned);
                                written.incrementAndGet();
                            } else {
                                failed.incrementAndGet();
                            }
                        } catch (Exception e) {
                            failed.incrementAndGet();
                        } finally {
                            lastWriteDone.accumulateAndGet(returned, Math::max);
                            inFlight.decrementAndGet();
                        }
                    });
        }, 0, 1_000_000 / perSecond, TimeUnit.MICROSECONDS);

        long lastReport = System.nanoTime();
        long quietSince = 0;
        while (true) {
            boolean allIssued = issued.get() >= total && inFlight.get() == 0;
            if (allIssued) {
                ticks.shutdown();
                if (awaited.isEmpty()) {
                    break;
                }
                quietSince = quietSince == 0 ? System.nanoTime() : quietSince;
                if (System.nanoTime() - quietSince > GIVE_UP.toNanos()) {
                    break;
                }
            }
            if (!awaited.isEmpty()) {
                List<String> ids = new ArrayList<>(awaited.keySet());
                ObjectNode query = JSON.createObjectNode();
                query.put("size", ids.size()).put("_source", false);
                query.putObject("query").putObject("ids").set("values", JSON.valueToTree(ids));
                HttpResponse<String> found = http.send(HttpRequest.newBuilder(URI.create(searchUrlOfIndex))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(query))).build(),
                        HttpResponse.BodyHandlers.ofString());
                long seen = System.nanoTime();
                for (JsonNode hit : JSON.readTree(found.body()).path("hits").path("hits")) {
                    String id = hit.path("_id").asText();
                    Long returned = awaited.remove(id);
                    if (returned != null) {
                        lags.add((seen - returned) / 1e6);
                        Long onKafka = seenOnKafka == null ? null : seenOnKafka.get(id);
                        if (onKafka != null) {
                            // the event can reach Kafka before the POST's answer does (the relay wakes on commit)
                            toKafka.add(Math.max(0, onKafka - returned) / 1e6);
                            kafkaToSearchable.add((seen - Math.max(onKafka, returned)) / 1e6);
                        }
                    }
                }
            }
            if (System.nanoTime() - lastReport > 5_000_000_000L) {
                System.out.printf("[bench]   written %d of %d, searchable %d%n", written.get(), total, lags.size());
                lastReport = System.nanoTime();
            }
            Thread.sleep(20); // the probe's polling interval, not a synchronisation
        }
        double rate = written.get() / ((lastWriteDone.get() - started) / 1e9);
        List<Double> sorted = new ArrayList<>(lags);
        Collections.sort(sorted);
        List<Double> sortedToKafka = new ArrayList<>(toKafka);
        Collections.sort(sortedToKafka);
        List<Double> sortedRest = new ArrayList<>(kafkaToSearchable);
        Collections.sort(sortedRest);
        return new Result(sorted, written.get(), failed.get(), awaited.size(), rate, sortedToKafka, sortedRest);
    }
}
