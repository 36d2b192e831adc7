package dev.verity.platform.http;

import dev.verity.platform.problem.ProblemException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Quarkus REST parses {@code Content-Type} and {@code Accept} while choosing the resource method and answers a value
 * it cannot parse ({@code Content-Type: garbage}) with an IllegalArgumentException, a 500. Checked here first, before
 * matching: a Content-Type that names no media type is one the service cannot read (415), an Accept that names none
 * is a malformed request (400).
 */
public class MediaTypeHeaders {

    @ServerRequestFilter(preMatching = true)
    public void refuseUnparseable(ContainerRequestContext request) {
        String contentType = request.getHeaderString(HttpHeaders.CONTENT_TYPE);
        if (contentType != null && !contentType.isBlank() && !parses(contentType)) {
            throw new ProblemException(415, "unsupported-media-type", "Unsupported Media Type",
                    "Content-Type '" + contentType + "' is not a media type; send application/json");
        }
        String accept = request.getHeaderString(HttpHeaders.ACCEPT);
        if (accept != null) {
            for (String range : accept.split(",")) {
                if (!range.isBlank() && !parses(range)) {
                    throw ProblemException.invalidParameter(HttpHeaders.ACCEPT,
                            "'" + range.strip() + "' is not a media range such as application/json");
                }
            }
        }
    }

    private static boolean parses(String value) {
        try {
            MediaType.valueOf(value.strip());
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
