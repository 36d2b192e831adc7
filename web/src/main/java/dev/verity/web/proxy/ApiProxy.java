package dev.verity.web.proxy;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import dev.verity.web.UpstreamConfig;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Same origin for the browser: {@code /api/cards/...} goes to card-service, {@code /api/verification/...},
 * {@code /api/search/...} and {@code /api/notifications/...} to theirs, with the prefix taken off. Bodies stream
 * both ways (a request is never held in memory, a Server-Sent Events answer reaches the browser event by event),
 * so the same paths behind a Kubernetes Ingress behave alike.
 */
@ApplicationScoped
public class ApiProxy {

    private static final Logger LOG = Logger.getLogger(ApiProxy.class);

    /** Hop-by-hop headers (RFC 9110 §7.6.1) stay on their own connection. */
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-authenticate",
            "proxy-authorization", "te", "trailer", "transfer-encoding", "upgrade", "host", "proxy-connection");

    record Upstream(String prefix, String name, URI base) {
    }

    void install(@Observes Router router, Vertx vertx, UpstreamConfig config) {
        HttpClient client = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout(5_000)
                .setKeepAlive(true)
                .setMaxPoolSize(64)
                // no idle timeout: a notification stream stays open for as long as the browser keeps it
                .setIdleTimeout(0));
        List<Upstream> upstreams = List.of(
                new Upstream("/api/cards", "card-service", config.cards()),
                new Upstream("/api/verification", "verification-service", config.verification()),
                new Upstream("/api/search", "search-service", config.search()),
                new Upstream("/api/notifications", "notification-service", config.notifications()));
        for (Upstream upstream : upstreams) {
            router.route(upstream.prefix() + "/*").order(-100).handler(rc -> forward(rc, client, upstream));
        }
        router.route("/api/*").order(-99).handler(rc -> problem(rc.response(), 404, "Not Found",
                "No API under " + rc.request().path() + "; the app reaches /api/cards, /api/verification, "
                        + "/api/search and /api/notifications"));
    }

    private void forward(RoutingContext rc, HttpClient client, Upstream upstream) {
        HttpServerRequest request = rc.request();
        request.pause();
        String rest = request.uri().substring(upstream.prefix().length());
        String path = rest.startsWith("/") ? rest : "/" + rest;
        URI base = upstream.base();
        int port = base.getPort() > 0 ? base.getPort() : ("https".equals(base.getScheme()) ? 443 : 80);
        RequestOptions options = new RequestOptions()
                .setMethod(request.method())
                .setHost(base.getHost())
                .setPort(port)
                .setSsl("https".equals(base.getScheme()))
                .setURI(stripTrailingSlash(base.getPath()) + path);
        request.headers().forEach(h -> {
            if (!HOP_BY_HOP.contains(h.getKey().toLowerCase(Locale.ROOT))) {
                options.addHeader(h.getKey(), h.getValue());
            }
        });
        options.putHeader("X-Forwarded-Host", request.authority() == null ? "" : request.authority().toString());
        options.putHeader("X-Forwarded-Proto", request.scheme());
        HttpServerResponse response = rc.response();
        client.request(options).onComplete(created -> {
            if (created.failed()) {
                unreachable(rc, upstream, created.cause());
                return;
            }
            HttpClientRequest upstreamRequest = created.result();
            // the browser left (a closed tab, a dropped stream, a suggestion request aborted by the next keystroke):
            // let go of the upstream request too; nothing is left to answer, so nothing else is written or logged
            response.closeHandler(v -> {
                if (!response.ended()) {
                    LOG.debugf("%s %s: the browser left before the answer was through", request.method(), path);
                    upstreamRequest.reset();
                }
            });
            // a request without a body (GET, most POSTs of actions) must not reach the service as an empty chunked
            // body: the services refuse chunked bodies (411) so that every body has a known size before it is read
            String length = request.getHeader("Content-Length");
            boolean body = (length != null && !length.equals("0")) || request.headers().contains("Transfer-Encoding");
            if (!body) {
                request.resume();
            }
            (body ? upstreamRequest.send(request) : upstreamRequest.send()).onComplete(answered -> {
                if (response.closed()) {
                    return;
                }
                if (answered.failed()) {
                    unreachable(rc, upstream, answered.cause());
                    return;
                }
                var upstreamResponse = answered.result();
                response.setStatusCode(upstreamResponse.statusCode());
                response.setStatusMessage(upstreamResponse.statusMessage());
                upstreamResponse.headers().forEach(h -> {
                    if (!HOP_BY_HOP.contains(h.getKey().toLowerCase(Locale.ROOT))) {
                        response.headers().add(h.getKey(), h.getValue());
                    }
                });
                if (!response.headers().contains("Content-Length")) {
                    response.setChunked(true);
                }
                String type = upstreamResponse.getHeader("Content-Type");
                if (type != null && type.startsWith("text/event-stream")) {
                    // a buffering proxy in front of this one (nginx) must not hold events back either
                    response.putHeader("X-Accel-Buffering", "no");
                    response.putHeader("Cache-Control", "no-cache");
                }
                // a failure half-way (the service died, the browser left) must not end the answer as if complete
                upstreamResponse.pipe().endOnFailure(false).to(response).onFailure(failed -> {
                    if (!response.closed()) {
                        response.reset();
                    }
                });
            });
        });
    }

    private static void unreachable(RoutingContext rc, Upstream upstream, Throwable cause) {
        LOG.debugf("%s unreachable: %s", upstream.name(), cause.toString());
        HttpServerResponse response = rc.response();
        if (response.headWritten()) {
            response.reset();
            return;
        }
        problem(response, 502, "Bad Gateway", upstream.name() + " did not answer; try again in a moment");
    }

    private static void problem(HttpServerResponse response, int status, String title, String detail) {
        response.setStatusCode(status)
                .putHeader("Content-Type", "application/problem+json")
                .end(new JsonObject().put("type", "about:blank").put("title", title).put("status", status)
                        .put("detail", detail).encode());
    }

    private static String stripTrailingSlash(String path) {
        if (path == null) {
            return "";
        }
        return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }
}
