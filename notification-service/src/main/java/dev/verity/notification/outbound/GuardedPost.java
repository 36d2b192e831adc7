package dev.verity.notification.outbound;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One POST to a target {@link TargetGuard} has checked, as webhook deliveries and chat messages make them: it
 * connects to the checked address itself (the name is not resolved a second time, so it cannot be switched to an
 * internal address in between), sends the name only as the Host header (and for TLS), follows no redirect, and is
 * bounded by the connect and request timeouts, so a hanging target holds the calling thread for at most that long.
 */
public final class GuardedPost implements AutoCloseable {

    /** The target's answer (status and Retry-After), or why there was none. */
    public record Answer(Integer status, String retryAfter, String error, boolean timedOut) {
    }

    private final Duration connectTimeout;
    private final Duration requestTimeout;
    private final HttpClient client;

    /** @param poolSize connections kept per server address (see the callers for why theirs) */
    public GuardedPost(Vertx vertx, Duration connectTimeout, Duration requestTimeout, int poolSize) {
        this.connectTimeout = connectTimeout;
        this.requestTimeout = requestTimeout;
        this.client = vertx.createHttpClient(new HttpClientOptions()
                        .setConnectTimeout((int) connectTimeout.toMillis())
                        .setKeepAlive(true)
                        .setVerifyHost(true),
                new PoolOptions().setHttp1MaxSize(Math.max(1, poolSize)));
    }

    public Answer post(TargetGuard.CheckedTarget target, Map<String, String> headers, String body) {
        RequestOptions request = new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setServer(SocketAddress.inetSocketAddress(target.port(), target.address().getHostAddress()))
                .setHost(target.host())
                .setPort(target.port())
                .setSsl(target.https())
                .setURI(pathAndQuery(target))
                .setFollowRedirects(false)
                .setConnectTimeout(connectTimeout.toMillis())
                .setIdleTimeout(requestTimeout.toMillis());
        headers.forEach(request::putHeader);
        AtomicReference<HttpClientRequest> sent = new AtomicReference<>();
        try {
            return client.request(request)
                    .compose(req -> {
                        sent.set(req);
                        return req.send(Buffer.buffer(body));
                    })
                    .compose(response -> {
                        int status = response.statusCode();
                        String retryAfter = response.getHeader("retry-after");
                        response.handler(ignored -> { }); // the answer's body is not ours to keep
                        return response.end().map(done -> new Answer(status, retryAfter, null, false));
                    })
                    .toCompletionStage().toCompletableFuture()
                    .get(connectTimeout.plus(requestTimeout).toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            HttpClientRequest req = sent.get();
            if (req != null) {
                req.reset();
            }
            return new Answer(null, null, "no answer in time", true);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            boolean vertxTimeout = cause.getClass().getSimpleName().contains("Timeout"); // its connect or idle timeout
            return new Answer(null, null, cause.getClass().getSimpleName() + ": " + cause.getMessage(), vertxTimeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(null, null, "interrupted: the service is stopping", false);
        }
    }

    private static String pathAndQuery(TargetGuard.CheckedTarget target) {
        String path = target.uri().getRawPath() == null || target.uri().getRawPath().isEmpty() ? "/"
                : target.uri().getRawPath();
        return target.uri().getRawQuery() == null ? path : path + "?" + target.uri().getRawQuery();
    }

    @Override
    public void close() {
        client.close();
    }
}
