package dev.verity.platform.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.verity.platform.problem.Problem;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Map;

/**
 * 414 and 431 as problem+json. The HTTP codec refuses an over-long request line or header section itself, with a
 * bare status and no body, before any Quarkus code runs (Quarkus offers no hook for Vert.x's
 * {@code HttpServer.invalidRequestHandler}). So the codec's limits are set well above ours
 * ({@code quarkus.http.limits.*} in the platform configuration) and this route, first on the router, applies ours.
 * A request beyond even the codec's limits still gets the codec's bare answer.
 */
@ApplicationScoped
public class HttpLimitsRoute {

    void install(@Observes Router router, BodyLimitFilter.HttpLimits limits, ObjectMapper json) {
        int maxUri = limits.maxUriLength();
        long maxHeaders = limits.maxHeaderSize().asLongValue();
        router.route().order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 1).handler(context -> {
            HttpServerRequest request = context.request();
            int uri = request.uri().length();
            if (uri > maxUri) {
                refuse(context, json, 414, "uri-too-long", "URI too long",
                        "the request target has " + uri + " characters; at most " + maxUri + " are accepted"
                                + " (send long criteria in a body)", "request-uri-length", maxUri, uri);
                return;
            }
            long headers = headerSize(request);
            if (headers > maxHeaders) {
                refuse(context, json, 431, "header-fields-too-large", "Request header fields too large",
                        "the request headers have " + headers + " bytes; at most " + maxHeaders + " are accepted",
                        "request-header-bytes", maxHeaders, headers);
                return;
            }
            context.next();
        });
    }

    /** As the codec counts it: each header's name and value, plus ": " and the line break. */
    private static long headerSize(HttpServerRequest request) {
        long size = 0;
        for (Map.Entry<String, String> header : request.headers()) {
            size += header.getKey().length() + header.getValue().length() + 4;
        }
        return size;
    }

    private static void refuse(RoutingContext context, ObjectMapper json, int status, String slug, String title,
            String detail, String limit, long max, long actual) {
        Problem problem = new Problem(Problem.TYPE_BASE + slug, title, status, detail, context.request().path(), null,
                Map.of("limit", limit, "max", max, "actual", actual));
        String body;
        try {
            body = json.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        context.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .putHeader(HttpHeaders.CONNECTION, "close").end(body);
    }
}
