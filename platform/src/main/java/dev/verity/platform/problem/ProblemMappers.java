package dev.verity.platform.problem;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.verity.platform.json.StrictJson;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The one place where errors become HTTP answers: every failure leaves as RFC 9457 problem+json with the right
 * status and a message a client developer can act on. Nothing unexpected leaks a stack trace.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @Inject
    AllowedMethods allowedMethods;

    @ServerExceptionMapper
    public Response domain(ProblemException e, UriInfo uri) {
        Response.ResponseBuilder response = Response.status(e.status()).type(Problem.MEDIA_TYPE)
                .entity(new Problem(Problem.TYPE_BASE + e.slug(), e.title(), e.status(), e.getMessage(), path(uri),
                        null, e.extensions()));
        e.headers().forEach(response::header);
        return response.build();
    }

    @ServerExceptionMapper
    public Response validation(ConstraintViolationException e, UriInfo uri) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(FieldPaths.of(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field).thenComparing(Problem.FieldError::message))
                .toList();
        // joined, not reduced pair by pair: ten thousand bad items in a list must not take quadratic time
        String detail = errors.isEmpty() ? "the request is invalid" : errors.stream()
                .map(err -> err.field().isEmpty() ? err.message() : err.field() + ": " + err.message())
                .collect(Collectors.joining("; "));
        return respond(new Problem(Problem.TYPE_BASE + "validation", "Invalid request", 400, detail, path(uri),
                errors, null));
    }

    /*
     * MismatchedInputException is listed on its own: quarkus-rest-jackson maps exactly that type with a built-in
     * mapper that answers a bare 400 (plain JSON in dev/test, an empty body in prod), and the most specific type
     * wins over the JsonMappingException listed here.
     */
    @ServerExceptionMapper({ JsonProcessingException.class, JsonParseException.class, JsonMappingException.class,
            MismatchedInputException.class, InvalidFormatException.class, UnrecognizedPropertyException.class,
            StrictJson.NotPlainTextException.class })
    public Response unreadableJson(JsonProcessingException e, UriInfo uri) {
        String detail;
        List<Problem.FieldError> errors = null;
        if (e instanceof UnrecognizedPropertyException unknown) {
            String field = FieldPaths.of(unknown.getPath());
            detail = "unknown field '" + field + "'";
            errors = List.of(new Problem.FieldError(field, "is not a known field"));
        } else if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String field = FieldPaths.of(mapping.getPath());
            String message = JsonMismatches.describe(mapping);
            detail = field + ": " + message;
            errors = List.of(new Problem.FieldError(field, message));
        } else if (e instanceof JsonMappingException mapping) {
            detail = "the request body " + JsonMismatches.describe(mapping);
        } else {
            detail = "request body is not valid JSON: " + e.getOriginalMessage();
        }
        return respond(new Problem(Problem.TYPE_BASE + "malformed-body", "Malformed request body", 400, detail,
                path(uri), errors, null));
    }

    @ServerExceptionMapper({ UnauthorizedException.class, AuthenticationFailedException.class })
    public Response unauthenticated(RuntimeException e, UriInfo uri) {
        Problem problem = new Problem(Problem.TYPE_BASE + "unauthenticated", "Unauthenticated", 401,
                "a valid bearer token is required (Authorization: Bearer <JWT>)", path(uri), null, null);
        return Response.status(401).type(Problem.MEDIA_TYPE).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .entity(problem).build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return respond(new Problem(Problem.TYPE_BASE + "forbidden", "Forbidden", 403,
                "you are not allowed to do this", path(uri), null, null));
    }

    @ServerExceptionMapper
    public Response http(WebApplicationException e, UriInfo uri, HttpHeaders request) {
        int status = e.getResponse().getStatus();
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof JsonProcessingException json) {
                return unreadableJson(json, uri); // Quarkus REST wraps body-reading errors in a 400
            }
        }
        if (status >= 500) {
            return unexpected(e, uri);
        }
        Response.StatusType type = Response.Status.fromStatusCode(status);
        String title = type == null ? "HTTP " + status : type.getReasonPhrase();
        String detail = switch (status) {
            case 404 -> "no resource at " + path(uri);
            case 405 -> "method not allowed on " + path(uri);
            case 406 -> "this resource cannot produce " + request.getHeaderString(HttpHeaders.ACCEPT)
                    + "; ask for application/json";
            case 415 -> "this resource cannot read " + request.getHeaderString(HttpHeaders.CONTENT_TYPE)
                    + "; send application/json";
            default -> e.getMessage();
        };
        Response.ResponseBuilder response = Response.status(status).type(Problem.MEDIA_TYPE)
                .entity(new Problem(Problem.TYPE_BASE + title.toLowerCase().replace(' ', '-'), title, status, detail,
                        path(uri), null, null));
        if (status == 405) {
            // Quarkus REST's own 405 carries no Allow; RFC 9110 says it must
            String allow = e.getResponse().getHeaderString(HttpHeaders.ALLOW);
            if (allow == null && uri != null) {
                Set<String> methods = allowedMethods.on(path(uri));
                allow = methods.isEmpty() ? null : AllowedMethods.header(methods);
            }
            if (allow != null) {
                response.header(HttpHeaders.ALLOW, allow);
            }
        }
        return response.build();
    }

    /**
     * Quarkus REST reads a multipart body before any resource code runs and throws a bare IOException when it is cut
     * short or framed wrongly: the client's mistake, so a 400. Any other IOException stays unexpected.
     */
    @ServerExceptionMapper
    public Response unreadableBody(IOException e, UriInfo uri) {
        for (StackTraceElement frame : e.getStackTrace()) {
            if (frame.getClassName().startsWith("org.jboss.resteasy.reactive.server.core.multipart.")
                    || frame.getClassName().endsWith(".FormBodyHandler")) {
                return respond(new Problem(Problem.TYPE_BASE + "malformed-body", "Malformed request body", 400,
                        "the multipart body could not be read: " + e.getMessage(), path(uri), null, null));
            }
        }
        return unexpected(e, uri);
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, UriInfo uri) {
        String reference = UUID.randomUUID().toString();
        LOG.errorf(e, "unexpected error on %s (reference %s)", path(uri), reference);
        return respond(new Problem(Problem.TYPE_BASE + "internal", "Internal error", 500,
                "something went wrong on our side; quote reference " + reference, path(uri), null,
                Map.of("reference", reference)));
    }

    private static Response respond(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    private static String path(UriInfo uri) {
        return uri == null ? null : "/" + uri.getPath().replaceFirst("^/", "");
    }
}
