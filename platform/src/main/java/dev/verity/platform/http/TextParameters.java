package dev.verity.platform.http;

import dev.verity.platform.json.PlainText;
import dev.verity.platform.problem.ProblemException;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * The {@link PlainText} rule that request bodies follow, for path and query parameters too: a control character
 * there is never meant, and PostgreSQL refuses a NUL in a query parameter with an error that would otherwise surface
 * as a 500 from whichever query met it first. One check for every parameter of every service, before any resource
 * method runs.
 */
public class TextParameters {

    @ServerRequestFilter
    public void refuseControlCharacters(UriInfo uri) {
        check(uri.getPathParameters());
        check(uri.getQueryParameters());
    }

    private static void check(MultivaluedMap<String, String> parameters) {
        for (Map.Entry<String, List<String>> parameter : parameters.entrySet()) {
            for (String value : parameter.getValue()) {
                String violation = value == null ? null : PlainText.violation(value);
                if (violation != null) {
                    throw ProblemException.invalidParameter(parameter.getKey(), violation);
                }
            }
        }
    }
}
