package dev.verity.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

import dev.verity.stack.LocalStack;
import dev.verity.stack.VeritySystem;

/**
 * The browser tests: the real stack, the four services and the web server as separate processes (instance
 * {@code web}: databases, topics and search alias of its own), then Playwright driving Debian's chromium through the
 * scenarios in {@code src/test/playwright}. Playwright's JUnit report lands in target/failsafe-reports, so
 * {@code ./verity test} counts every browser test; screenshots of each screen in target/screenshots.
 *
 * <p>A small control endpoint on a free local port lets a scenario restart notification-service, as an outage would.
 */
class BrowserIT {

    /**
     * Ports: each default plus this offset; its own, or the e2e suite's plus 500 by default: in a parallel build
     * ({@code ./verity test} runs {@code mvn -T 2}) the e2e suite runs beside this one, and the worktrees of one
     * machine keep their e2e offsets 1000 apart.
     */
    static int portOffset() {
        String own = System.getenv("VERITY_WEB_PORT_OFFSET");
        if (own != null && !own.isBlank()) {
            return Integer.parseInt(own.trim());
        }
        String e2e = System.getProperty("verity.e2e.port-offset", System.getenv("VERITY_E2E_PORT_OFFSET"));
        return (e2e == null || e2e.isBlank() ? 10_000 : Integer.parseInt(e2e.trim())) + 500;
    }

    @Test
    void browserScenariosPassInChromium() throws Exception {
        Path webDir = Path.of(System.getProperty("verity.web.basedir", "."));
        LocalStack stack = LocalStack.fromEnvironment();
        try (VeritySystem system = VeritySystem.start(VeritySystem.projectRoot(), stack, "web", portOffset(), System.out,
                Duration.ofSeconds(240))) {
            system.startWeb(System.out, Duration.ofSeconds(120));
            HttpServer control = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            control.createContext("/restart/", exchange -> {
                String service = exchange.getRequestURI().getPath().substring("/restart/".length());
                int status = 200;
                String answer;
                try {
                    system.process(service).kill();
                    answer = "restarted in " + system.restart(service, Duration.ofSeconds(180)).toMillis() + " ms";
                } catch (RuntimeException e) {
                    status = 500;
                    answer = e.getMessage();
                }
                byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(status, bytes.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            });
            control.start();
            try {
                // not inheritIO: this JVM's stdout is the failsafe channel; Playwright's lines are copied onto it
                ProcessBuilder playwright = new ProcessBuilder("npx", "--no-install", "playwright", "test")
                        .directory(webDir.toFile())
                        .redirectErrorStream(true)
                        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
                playwright.environment().put("VERITY_WEB_URL", system.baseUrl("web"));
                playwright.environment().put("VERITY_CONTROL_URL", "http://127.0.0.1:" + control.getAddress().getPort());
                playwright.environment().put("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
                playwright.environment().put("CI", "1");
                Process process = playwright.start();
                Thread copy = new Thread(() -> {
                    try (var lines = new java.io.BufferedReader(new java.io.InputStreamReader(process.getInputStream(),
                            StandardCharsets.UTF_8))) {
                        lines.lines().forEach(line -> System.out.println("[playwright] " + line));
                    } catch (IOException e) {
                        System.out.println("[playwright] output lost: " + e);
                    }
                }, "playwright-output");
                copy.start();
                if (!process.waitFor(15, TimeUnit.MINUTES)) {
                    process.destroyForcibly();
                    throw new IOException("the browser tests did not finish within 15 minutes");
                }
                copy.join(10_000);
                assertEquals(0, process.exitValue(), "Playwright reported failures (see above and target/playwright-results)");
            } finally {
                control.stop(0);
            }
        }
    }
}
