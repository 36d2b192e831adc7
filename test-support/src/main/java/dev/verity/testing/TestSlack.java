package dev.verity.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.verity.platform.slack.SlackSignature;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Slack, as far as a service's tests need it: a real HTTP server on a free loopback port standing in for the Web API
 * ({@code /api/users.info}, {@code /api/chat.postMessage}, {@code /api/views.open}) and for {@code response_url}s
 * ({@code /respond/...}), recording every request; and requests signed as Slack signs them. A module's tests start it
 * with {@code @QuarkusTestResource(TestSlack.class)}, which turns the Slack app on with {@link #SECRET}.
 */
public class TestSlack implements QuarkusTestResourceLifecycleManager {

    public static final String SECRET = "test-signing-secret";
    public static final String WEB_APP = "https://verity.test";

    /** One request as it arrived. */
    public record Received(String path, String body) {
    }

    private record SlackUser(String email, boolean confirmed) {
    }

    private static final List<Received> RECEIVED = new CopyOnWriteArrayList<>();
    private static final Map<String, SlackUser> USERS = new ConcurrentHashMap<>();
    private static final Set<String> HELD = ConcurrentHashMap.newKeySet();
    private static volatile CountDownLatch release = new CountDownLatch(1);
    private static HttpServer server;
    private static ExecutorService threads;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException("no free port for the test Slack", e);
        }
        threads = Executors.newCachedThreadPool();
        server.setExecutor(threads);
        server.createContext("/", TestSlack::handle);
        server.start();
        return Map.of("verity.slack.signing-secret", SECRET, "verity.slack.bot-token", "xoxb-test-token",
                "verity.slack.api-url", base() + "/api", "verity.slack.response-url-prefix", base() + "/respond/",
                "verity.slack.web-app-url", WEB_APP);
    }

    @Override
    public void stop() {
        release.countDown();
        if (server != null) {
            server.stop(0);
            threads.shutdownNow();
        }
    }

    private static String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** A Slack user whom {@code users.info} describes with this email, confirmed or not. */
    public static void user(String slackUserId, String email, boolean confirmed) {
        USERS.put(slackUserId, new SlackUser(email, confirmed));
    }

    /** {@code users.info} of this user answers only once {@link #releaseHeld()} is called: a slow Slack. */
    public static void hold(String slackUserId) {
        release = new CountDownLatch(1);
        HELD.add(slackUserId);
    }

    public static void releaseHeld() {
        HELD.clear();
        release.countDown();
    }

    /** A {@code response_url} of this test Slack, told apart by {@code tag}. */
    public static String responseUrl(String tag) {
        return base() + "/respond/" + tag;
    }

    /** The requests to a path (e.g. {@code /api/chat.postMessage}, or a response URL's) whose body contains {@code text}. */
    public static List<Received> received(String path, String text) {
        return RECEIVED.stream().filter(r -> r.path().equals(path.replace(base(), "")) && r.body().contains(text))
                .toList();
    }

    /** The headers Slack signs a request with, now (the service's clock). */
    public static Map<String, String> signed(String body) {
        return signedAt(TestClock.INSTANCE.instant().getEpochSecond(), body, SECRET);
    }

    public static Map<String, String> signedAt(long epochSeconds, String body, String secret) {
        String timestamp = Long.toString(epochSeconds);
        return Map.of("X-Slack-Request-Timestamp", timestamp, "X-Slack-Signature",
                SlackSignature.sign(secret, timestamp, body.getBytes(StandardCharsets.UTF_8)));
    }

    /** A form-encoded body, as Slack posts slash commands. */
    public static String form(Map<String, String> fields) {
        return fields.entrySet().stream().map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
    }

    /** An interaction's body: the JSON in field {@code payload}. */
    public static String payload(String json) {
        return "payload=" + encode(json);
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static void handle(HttpExchange exchange) throws IOException {
        String body;
        try (InputStream in = exchange.getRequestBody()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String path = exchange.getRequestURI().getPath();
        RECEIVED.add(new Received(path, body));
        String answer = "{\"ok\":true}";
        if (path.equals("/api/users.info")) {
            String id = URLDecoder.decode(body.replaceFirst("^user=", ""), StandardCharsets.UTF_8);
            if (HELD.contains(id)) {
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            SlackUser user = USERS.get(id);
            answer = user == null ? "{\"ok\":false,\"error\":\"user_not_found\"}"
                    : "{\"ok\":true,\"user\":{\"id\":\"" + id + "\",\"deleted\":false,\"is_bot\":false,"
                            + "\"is_email_confirmed\":" + user.confirmed() + ",\"profile\":{\"email\":\""
                            + user.email() + "\"}}}";
        }
        byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
