package dev.verity.platform.http;

import dev.verity.platform.problem.ProblemException;
import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.HttpHeaders;
import java.lang.reflect.Method;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Refuses a request body over its endpoint's limit before a byte of it is read: by its {@code Content-Length}, or,
 * when it has none (chunked or streamed), with 411 unless the endpoint streams its body ({@link BodyLimit}). The HTTP server's
 * own {@code quarkus.http.limits.max-body-size} stays the outer bound for the few endpoints that raise the limit.
 */
public class BodyLimitFilter {

    /** Service-wide HTTP limits. */
    @ConfigMapping(prefix = "verity.http")
    public interface HttpLimits {

        /** Largest request body of an endpoint without {@link BodyLimit}. */
        @WithDefault("1M")
        MemorySize maxRequestBody();

        /**
         * Longest request target (path and query) answered with anything but 414. The HTTP codec's own limit
         * ({@code quarkus.http.limits.max-initial-line-length}) is set higher so that such requests reach
         * {@link HttpLimitsRoute} and get a problem+json answer.
         */
        @WithDefault("4096")
        int maxUriLength();

        /** Largest header section (names, values and separators) answered with anything but 431; see above. */
        @WithDefault("20K")
        MemorySize maxHeaderSize();
    }

    private final HttpLimits limits;

    BodyLimitFilter(HttpLimits limits) {
        this.limits = limits;
    }

    @ServerRequestFilter
    public void limitBody(ContainerRequestContext request, ResourceInfo resource) {
        BodyLimit raised = raisedLimit(resource);
        long max = raised != null ? raised.bytes() : limits.maxRequestBody().asLongValue();
        String length = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        if (length != null) {
            long bytes;
            try {
                bytes = Long.parseLong(length.strip());
            } catch (NumberFormatException e) {
                throw ProblemException.badRequest("Content-Length is not a number");
            }
            if (bytes > max) {
                throw ProblemException.tooLarge("request-body-bytes", max, bytes,
                        "the request body has " + bytes + " bytes; this endpoint accepts at most " + max);
            }
        } else if (raised == null && mayHaveBody(request)) {
            throw new ProblemException(411, "length-required", "Length required",
                    "send the body with a Content-Length header (at most " + max + " bytes)").with("max", max);
        }
    }

    private static BodyLimit raisedLimit(ResourceInfo resource) {
        Method method = resource == null ? null : resource.getResourceMethod();
        if (method == null) {
            return null;
        }
        BodyLimit limit = method.getAnnotation(BodyLimit.class);
        return limit != null ? limit : resource.getResourceClass().getAnnotation(BodyLimit.class);
    }

    /**
     * A body of unknown length: chunked (HTTP/1.1) or streamed (HTTP/2). Header-only: a request announcing a
     * Content-Type carries a body; a bodiless action (e.g. {@code POST /cards/{id}/archive}) sends none.
     */
    private static boolean mayHaveBody(ContainerRequestContext request) {
        String encoding = request.getHeaderString("Transfer-Encoding");
        if (encoding != null && encoding.toLowerCase(java.util.Locale.ROOT).contains("chunked")) {
            return true;
        }
        String method = request.getMethod();
        return request.getMediaType() != null
                && ("POST".equals(method) || "PUT".equals(method) || "PATCH".equals(method));
    }
}
