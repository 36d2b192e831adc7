package dev.verity.web.proxy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A stand-in for the four services on one local port: it records what reached it and answers as the services do
 * (ETag and Location on a write, a Server-Sent Events stream that holds its second event back until released).
 * verification-service points at a closed port, to see the proxy answer for a service that is down.
 */
public class StubServices implements QuarkusTestResourceLifecycleManager {

    /** One request as the stub saw it. */
    public record Seen(String method, String uri, Map<String, List<String>> headers, String body) {
    }

    static final List<Seen> SEEN = new CopyOnWriteArrayList<>();
    static volatile CountDownLatch releaseSecondEvent = new CountDownLatch(1);
    /**
     * {@code /slow} answers only when released, {@code /slow-body} sends its head and half its body and the rest
     * when released: a browser can leave before the answer or in the middle of it.
     */
    static volatile CountDownLatch releaseSlow = new CountDownLatch(1);
    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.createContext("/", exchange -> {
            byte[] in = exchange.getRequestBody().readAllBytes();
            SEEN.add(new Seen(exchange.getRequestMethod(), exchange.getRequestURI().toString(),
                    Map.copyOf(exchange.getRequestHeaders()), new String(in, StandardCharsets.UTF_8)));
            String path = exchange.getRequestURI().getPath();
            if (path.equals("/notifications/stream")) {
                exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
                exchange.sendResponseHeaders(200, 0);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write("id: 1\nevent: notification\ndata: {\"seq\":1}\n\n".getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    releaseSecondEvent.await(30, TimeUnit.SECONDS);
                    out.write("id: 2\nevent: notification\ndata: {\"seq\":2}\n\n".getBytes(StandardCharsets.UTF_8));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return;
            }
            if (path.equals("/slow")) {
                awaitRelease();
            }
            byte[] answer = "{\"id\":\"c1\",\"version\":2}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.getResponseHeaders().add("ETag", "\"2\"");
            if (exchange.getRequestMethod().equals("POST")) {
                exchange.getResponseHeaders().add("Location", "/cards/c1");
            }
            exchange.sendResponseHeaders(exchange.getRequestMethod().equals("POST") ? 201 : 200, answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                if (path.equals("/slow-body")) {
                    out.write(answer, 0, answer.length / 2);
                    out.flush();
                    awaitRelease();
                    out.write(answer, answer.length / 2, answer.length - answer.length / 2);
                } else {
                    out.write(answer);
                }
            }
        });
        server.start();
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        return Map.of("verity.web.upstream.cards", base, "verity.web.upstream.search", base,
                "verity.web.upstream.notifications", base,
                // nothing listens on port 9 (discard) on a test machine: a service that is down
                "verity.web.upstream.verification", "http://127.0.0.1:9");
    }

    private static void awaitRelease() {
        try {
            releaseSlow.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void stop() {
        releaseSecondEvent.countDown();
        releaseSlow.countDown();
        if (server != null) {
            server.stop(0);
        }
    }
}
