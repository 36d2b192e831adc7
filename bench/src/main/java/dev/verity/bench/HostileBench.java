package dev.verity.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.verity.stack.DevKeys;
import dev.verity.stack.LocalStack;
import dev.verity.stack.ServiceProcess;
import dev.verity.stack.VeritySystem;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ./verity bench hostile}: sends each attack of the security review at a freshly started system, as one
 * signed-in user ("mallory") would, and prints per attack the answer (status, problem type, time) and afterwards
 * every service's liveness, heap in use and resident memory. Ends by searching every service's log for
 * {@code OutOfMemoryError} and {@code StackOverflowError}. The figures are for the closing note; nothing here
 * passes or fails on time (the integration tests assert the answers).
 */
final class HostileBench {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Serial GC prints a line per generation, G1 one for the whole heap: their sum is the heap in use. */
    private static final Pattern HEAP_USED = Pattern.compile("(?:generation|heap)\\s+total \\d+K, used (\\d+)K");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final VeritySystem system;
    private final String mallory;
    private final String alice;
    private final String cards;

    private HostileBench(VeritySystem system, String mallory, String alice) {
        this.system = system;
        this.mallory = mallory;
        this.alice = alice;
        this.cards = system.baseUrl("card-service");
    }

    public static void main(String[] args) throws Exception {
        LocalStack stack = LocalStack.fromEnvironment();
        try (VeritySystem system = VeritySystem.start(VeritySystem.projectRoot(), stack, "hostile", BenchPorts.offset(22_000), System.out)) {
            DevKeys keys = DevKeys.ensure(stack.config().home());
            // a new attacker each run: the hostile instance's databases outlive a run, and so would her templates
            String name = "mallory-" + UUID.randomUUID().toString().substring(0, 6);
            String mallory = keys.mintToken(name, "Mallory", name + "@example.com", Set.of(), Duration.ofHours(1));
            String alice = keys.mintToken("alice", "Alice", "alice@example.com", Set.of(), Duration.ofHours(1));
            new HostileBench(system, mallory, alice).run();
        }
    }

    private void run() throws Exception {
        String own = SearchLatencyBench.createCollection(http, mallory, cards, "hostile");
        String private_ = SearchLatencyBench.createCollection(http, alice, cards, "private");
        System.out.printf("%n[hostile] mallory's collection %s; alice's private collection %s%n%n", own, private_);
        System.out.printf("%-44s %-7s %-22s %9s%n", "attack", "status", "answer", "time ms");

        attack("wide table (500 columns, 98k chars)", () -> post("/cards", card(own, "Wide", wideTable())));
        attack("deep nesting (50,000 '>')", () -> post("/cards", card(own, "Deep", ">".repeat(50_000))));
        attack("capture of 500 replies x 40k chars", () -> post("/captures", capture(own, 500, 40_000)));
        attack("capture making a 120k-char body", () -> post("/captures", capture(own, 30, 4_000)));
        attack("control characters in a capture", () -> post("/captures", Map.of("collectionId", own,
                "message", Map.of("user", "U1", "text", "bell\u0007", "ts", "1700000000.000100"))));
        attack("60 MB JSON body to POST /cards", () -> send(request("/cards")
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[60 * 1024 * 1024]))));
        attack("chunked body of unknown length to /cards", () -> send(request("/cards")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream("{}".getBytes())))));
        attack("4 x 40 MB NDJSON into a hidden collection", () -> parallelUploads(private_, 4, 40));
        attack("4 x 8 MB NDJSON at once into own collection", () -> parallelUploads(own, 4, 8));
        String diffCard = created(post("/cards", card(own, "Long list", "a\n".repeat(50_000))));
        put("/cards/" + diffCard, card(own, "Long list", "b\n".repeat(50_000)));
        attack("diff of two 50,000-line versions", () -> send(request("/cards/" + diffCard + "/diff?from=1&to=2").GET()));
        String secret = "Layoffs " + UUID.randomUUID().toString().substring(0, 6);
        created(send(request("/cards", alice).POST(body(card(private_, secret, "private")))));
        attack("slug of a private card's title", () -> post("/cards", card(own, secret, "probe")));
        attack("template flood (101 templates)", this::templateFlood);
        attack("folders 11 deep", () -> deepFolders(own));

        System.out.printf("%n%-22s %-6s %14s %10s   (each JVM: -Xmx512m)%n", "service", "live", "live heap MB", "RSS MB");
        for (ServiceProcess process : system.processes()) {
            System.out.printf("%-22s %-6s %14s %10d%n", process.name(), live(process) ? "yes" : "NO",
                    heapUsedMb(process), process.residentMemoryKb() / 1024);
        }
        System.out.println();
        for (ServiceProcess process : system.processes()) {
            String log = Files.readString(process.logFile(), StandardCharsets.UTF_8);
            System.out.printf("%-22s OutOfMemoryError: %d, StackOverflowError: %d%n", process.name(),
                    count(log, "OutOfMemoryError"), count(log, "StackOverflowError"));
        }
    }

    /** One attack: its last answer and how long the whole attack took, then card-service's health. */
    private void attack(String name, Attack attack) {
        long started = System.nanoTime();
        String answer;
        String status;
        try {
            HttpResponse<String> response = attack.run();
            status = Integer.toString(response.statusCode());
            answer = describe(response);
        } catch (Exception e) {
            status = "ERR";
            answer = e.getClass().getSimpleName();
        }
        double ms = (System.nanoTime() - started) / 1e6;
        boolean live = live(system.process("card-service"));
        System.out.printf("%-44s %-7s %-22s %9.0f   card-service live: %s, live heap %s MB%n", name, status, answer, ms,
                live ? "yes" : "NO", heapUsedMb(system.process("card-service")));
    }

    @FunctionalInterface
    private interface Attack {
        HttpResponse<String> run() throws Exception;
    }

    private HttpResponse<String> parallelUploads(String collection, int uploads, int megabytes) throws Exception {
        byte[] line = ("{\"externalId\":\"x\",\"body\":\"" + "n".repeat(1000) + "\"}\n").getBytes(StandardCharsets.UTF_8);
        List<CompletableFuture<HttpResponse<String>>> all = new ArrayList<>();
        for (int i = 0; i < uploads; i++) {
            long total = megabytes * 1024L * 1024L;
            all.add(http.sendAsync(request("/imports?collectionId=" + collection).setHeader("Content-Type", "application/x-ndjson")
                    .POST(HttpRequest.BodyPublishers.ofInputStream(() -> repeating(line, total))).build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        Map<Integer, Integer> statuses = new LinkedHashMap<>();
        HttpResponse<String> last = null;
        for (CompletableFuture<HttpResponse<String>> upload : all) {
            last = upload.get();
            statuses.merge(last.statusCode(), 1, Integer::sum);
        }
        System.out.printf("    answers by status: %s%n", statuses);
        return last;
    }

    private HttpResponse<String> templateFlood() throws Exception {
        HttpResponse<String> last = null;
        for (int i = 0; i < 101; i++) {
            last = post("/templates", Map.of("name", "flood " + UUID.randomUUID(), "body", "t".repeat(90_000)));
            if (last.statusCode() != 201) {
                System.out.printf("    template %d refused%n", i + 1);
                break;
            }
        }
        return last;
    }

    private HttpResponse<String> deepFolders(String collection) throws Exception {
        String parent = null;
        HttpResponse<String> last = null;
        for (int depth = 1; depth <= 11; depth++) {
            Map<String, Object> folder = new LinkedHashMap<>();
            folder.put("name", "Level " + depth);
            folder.put("parentId", parent);
            last = post("/collections/" + collection + "/folders", folder);
            if (last.statusCode() != 201) {
                break;
            }
            parent = JSON.readTree(last.body()).path("id").asText();
        }
        return last;
    }

    private static String describe(HttpResponse<String> response) {
        try {
            JsonNode body = JSON.readTree(response.body());
            if (body.has("limit")) {
                return body.path("limit").asText();
            }
            if (body.has("slug")) {
                return body.path("slug").asText().replaceFirst("^.*-", "slug …-");
            }
            if (body.has("approximate")) {
                return "approximate=" + body.path("approximate").asBoolean();
            }
            if (body.has("type")) {
                return body.path("type").asText().replaceFirst("^.*/", "");
            }
        } catch (IOException | RuntimeException e) {
            // not JSON: fall through
        }
        return response.body().length() > 20 ? response.body().substring(0, 20) : response.body();
    }

    private static String wideTable() {
        StringBuilder md = new StringBuilder("|" + "h|".repeat(500) + "\n|" + "-|".repeat(500) + "\n");
        while (md.length() < 98_000) {
            md.append("|x\n");
        }
        return md.toString();
    }

    private static Map<String, Object> card(String collection, String title, String body) {
        return Map.of("collectionId", collection, "title", title, "body", body);
    }

    private static Map<String, Object> capture(String collection, int replies, int chars) {
        List<Map<String, String>> list = new ArrayList<>();
        for (int i = 0; i < replies; i++) {
            list.add(Map.of("user", "U" + i, "text", "r".repeat(chars), "ts", "1700000" + (100 + i) + ".000100"));
        }
        return Map.of("collectionId", collection, "message", Map.of("user", "U1", "text", "Thread",
                "ts", "1700000000.000100", "replies", list));
    }

    private static InputStream repeating(byte[] unit, long total) {
        return new InputStream() {
            private long sent;

            @Override
            public int read() {
                return sent < total ? unit[(int) (sent++ % unit.length)] : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (sent >= total) {
                    return -1;
                }
                int n = (int) Math.min(len, total - sent);
                for (int i = 0; i < n; i++) {
                    b[off + i] = unit[(int) (sent++ % unit.length)];
                }
                return n;
            }
        };
    }

    private HttpRequest.Builder request(String path) {
        return request(path, mallory);
    }

    private HttpRequest.Builder request(String path, String token) {
        return HttpRequest.newBuilder(URI.create(cards + path)).timeout(Duration.ofMinutes(5))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json");
    }

    private HttpResponse<String> post(String path, Object body) throws Exception {
        return send(request(path).POST(body(body)));
    }

    private HttpResponse<String> put(String path, Object body) throws Exception {
        return send(request(path).header("If-Match", "\"1\"").PUT(body(body)));
    }

    private static HttpRequest.BodyPublisher body(Object body) throws IOException {
        return HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String created(HttpResponse<String> response) throws IOException {
        if (response.statusCode() != 201) {
            throw new IllegalStateException("expected 201, got " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body()).path("id").asText();
    }

    private boolean live(ServiceProcess process) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(process.baseUrl() + "/q/health/live"))
                    .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString()).statusCode() == 200;
        } catch (Exception e) {
            return false;
        }
    }

    /** Live heap after a full GC, as the JVM reports it ({@code jcmd <pid> GC.heap_info}); "?" when jcmd cannot tell. */
    private static String heapUsedMb(ServiceProcess process) {
        try {
            // a full GC first, so the figure is what the attack left alive, not garbage waiting to be collected
            new ProcessBuilder("jcmd", Long.toString(process.pid()), "GC.run").redirectErrorStream(true).start()
                    .waitFor();
            Process jcmd = new ProcessBuilder("jcmd", Long.toString(process.pid()), "GC.heap_info")
                    .redirectErrorStream(true).start();
            String out = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            jcmd.waitFor();
            Matcher used = HEAP_USED.matcher(out);
            long kb = 0;
            boolean found = false;
            while (used.find()) {
                kb += Long.parseLong(used.group(1));
                found = true;
            }
            return found ? Long.toString(kb / 1024) : "?";
        } catch (IOException e) {
            return "?";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "?";
        }
    }

    private static int count(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }
}
