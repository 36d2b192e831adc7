package dev.verity.notification.webhooks;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A real HTTP receiver on a free loopback port (the JDK's server), as an integration would run one: it records every
 * request and answers with the status codes it is told to, one per request, then its default; or it hangs.
 */
final class WebhookReceiver implements AutoCloseable {

    /** One request as it arrived: headers by lower-case name, the raw body, when. */
    record Received(Map<String, String> headers, String body, Instant at) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final List<Received> received = new ArrayList<>();
    private final Deque<Integer> planned = new ConcurrentLinkedDeque<>();
    private final CountDownLatch released = new CountDownLatch(1);
    private volatile int status = 204;
    private volatile boolean hanging;
    private volatile String hangingPath;
    private volatile String retryAfter;

    private WebhookReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(threads);
        server.start();
    }

    static WebhookReceiver start() {
        try {
            return new WebhookReceiver();
        } catch (IOException e) {
            throw new IllegalStateException("no free port for a receiver", e);
        }
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook?tenant=acme";
    }

    /** The next requests get these status codes, in order; later ones the default. */
    WebhookReceiver answer(int... statuses) {
        for (int s : statuses) {
            planned.add(s);
        }
        return this;
    }

    WebhookReceiver answerAlways(int status) {
        this.status = status;
        return this;
    }

    /** Every answer that is not a 2xx carries {@code Retry-After: seconds} from now on. */
    WebhookReceiver retryAfter(int seconds) {
        retryAfter = Integer.toString(seconds);
        return this;
    }

    /** Every request from now on is read and then never answered (until the receiver closes). */
    WebhookReceiver hang() {
        hanging = true;
        return this;
    }

    /** Requests to this path (another tenant's URL on the same server) hang; the others are answered. */
    WebhookReceiver hangOn(String path) {
        hangingPath = path;
        return this;
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    synchronized List<Received> received() {
        return List.copyOf(received);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body;
        try (InputStream in = exchange.getRequestBody()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Map<String, String> headers = new TreeMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT),
                String.join(",", values)));
        boolean hangsHere = hangingPath != null && exchange.getRequestURI().getPath().equals(hangingPath);
        if (!hangsHere) {
            synchronized (this) {
                received.add(new Received(headers, body, Instant.now()));
            }
        }
        if (hanging || hangsHere) {
            try {
                released.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        Integer next = planned.poll();
        int answer = next != null ? next : status;
        if (retryAfter != null && (answer < 200 || answer >= 300)) {
            exchange.getResponseHeaders().add("Retry-After", retryAfter);
        }
        exchange.sendResponseHeaders(answer, -1);
        exchange.close();
    }

    @Override
    public void close() {
        released.countDown();
        server.stop(0);
        threads.shutdownNow();
    }
}
