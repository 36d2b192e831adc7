package dev.verity.stack;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

import com.sun.net.httpserver.HttpServer;

/**
 * Stands in for a packaged Quarkus app in {@link ServiceProcessTest}: answers /q/health/ready after
 * a short delay, or exits at once when -Dfake.exit is set. Uses only the JDK so it can run from a
 * one-class jar.
 */
public final class FakeQuarkusService {

    public static void main(String[] args) throws Exception {
        String exit = System.getProperty("fake.exit");
        if (exit != null) {
            System.out.println("fake service failing on purpose");
            System.exit(Integer.parseInt(exit));
        }
        String password = System.getenv("QUARKUS_DATASOURCE_PASSWORD");
        if (password != null) {
            // the length only: the log must not hold the secret either
            System.out.println("datasource password from the environment, " + password.length() + " characters");
        }
        Thread.sleep(Long.getLong("fake.delay.ms", 300));
        int port = Integer.getInteger("quarkus.http.port");
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext("/q/health/ready", exchange -> {
            byte[] body = "{\"status\":\"UP\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            } catch (IOException ignored) {
                // client went away
            }
        });
        server.start();
        System.out.println("fake service listening on " + port);
    }
}
