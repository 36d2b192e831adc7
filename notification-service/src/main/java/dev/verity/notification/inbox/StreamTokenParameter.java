package dev.verity.notification.inbox;

import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * A browser's {@code EventSource} cannot send an {@code Authorization} header, so the live stream alone also takes
 * the bearer token as the {@code access_token} query parameter (RFC 6750, section 2.3): copied into the header
 * before the request is authenticated, and verified exactly like a header token. Only for this path and only when
 * no header is sent: a token in a URL can end up in logs and browser history, so every other endpoint refuses it.
 */
@ApplicationScoped
public class StreamTokenParameter {

    public static final String PARAMETER = "access_token";
    static final String PATH = "/notifications/stream";

    void install(@Observes Router router) {
        // after the body handler, before the REST routes (lazy authentication reads the header when the resource runs)
        router.route(PATH).order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT + 1).handler(context -> {
            String token = context.request().getParam(PARAMETER);
            if (token != null && !token.isBlank() && context.request().getHeader(HttpHeaders.AUTHORIZATION) == null) {
                context.request().headers().set(HttpHeaders.AUTHORIZATION, "Bearer " + token.strip());
            }
            context.next();
        });
    }
}
