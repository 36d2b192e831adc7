package dev.verity.web.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;

/**
 * The app routes in the browser (History API): a reload or a shared link to {@code /cards/…} or {@code /queue} gets
 * the app's index.html, which then shows that screen. Assets keep their own paths under {@code /assets/}.
 */
@ApplicationScoped
public class SinglePageApp {

    /** First path segments the app owns; anything else is a static file, an API or a 404. */
    static final Set<String> SCREENS = Set.of("", "search", "cards", "new", "edit", "queue", "inbox", "collections",
            "signin", "preferences");

    void install(@Observes Router router) {
        Buffer index = Buffer.buffer(read("META-INF/resources/index.html"));
        router.get().order(-50).handler(rc -> {
            String path = rc.request().path();
            int end = path.indexOf('/', 1);
            String first = end < 0 ? path.substring(1) : path.substring(1, end);
            if (SCREENS.contains(first)) {
                rc.response()
                        .putHeader("Content-Type", "text/html; charset=utf-8")
                        // the page names hashed assets; it must be fetched again after every deployment
                        .putHeader("Cache-Control", "no-cache")
                        .putHeader("X-Content-Type-Options", "nosniff")
                        .putHeader("Referrer-Policy", "same-origin")
                        .putHeader("Content-Security-Policy", CSP)
                        .end(index);
            } else {
                rc.next();
            }
        });
    }

    /** Scripts and styles only from this origin; rendered card HTML may show images from anywhere (https). */
    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' https: data:; "
            + "connect-src 'self' https:; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

    private static byte[] read(String resource) {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                // built without the app (npm skipped): say so on the page instead of failing to start
                return "<!doctype html><title>Verity</title><p>The web app was not built into this server.</p>"
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
