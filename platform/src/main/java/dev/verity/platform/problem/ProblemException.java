package dev.verity.platform.problem;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A domain error with a definite HTTP answer. Services throw the factories below; the one exception mapper turns
 * them into problem+json.
 */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String slug;
    private final String title;
    private final Map<String, Object> extensions = new LinkedHashMap<>();
    private final Map<String, String> headers = new LinkedHashMap<>();

    public ProblemException(int status, String slug, String title, String detail) {
        super(detail);
        this.status = status;
        this.slug = slug;
        this.title = title;
    }

    public static ProblemException notFound(String what, Object id) {
        return new ProblemException(404, "not-found", "Not found", what + " " + id + " does not exist");
    }

    public static ProblemException badRequest(String detail) {
        return new ProblemException(400, "bad-request", "Bad request", detail);
    }

    /** 400 for one bad query/path parameter, in the same shape as a Bean Validation failure. */
    public static ProblemException invalidParameter(String parameter, String message) {
        return new ProblemException(400, "validation", "Invalid request", parameter + ": " + message)
                .with("errors", java.util.List.of(new Problem.FieldError(parameter, message)));
    }

    public static ProblemException forbidden(String detail) {
        return new ProblemException(403, "forbidden", "Forbidden", detail);
    }

    public static ProblemException conflict(String detail) {
        return new ProblemException(409, "conflict", "Conflict", detail);
    }

    /** 412: the client's {@code If-Match} names a version that is no longer current. */
    public static ProblemException versionMismatch(long currentVersion, String detail) {
        return new ProblemException(412, "version-mismatch", "Version mismatch", detail)
                .with("currentVersion", currentVersion);
    }

    /** 428: a conditional request header is required and was not sent. */
    public static ProblemException preconditionRequired(String detail) {
        return new ProblemException(428, "precondition-required", "Precondition required", detail);
    }

    /**
     * 413: the request (or what it would produce) is over a size limit. {@code limit} names the limit so clients can
     * tell them apart; {@code max} and {@code actual} are in the limit's unit.
     */
    public static ProblemException tooLarge(String limit, long max, long actual, String detail) {
        return new ProblemException(413, "too-large", "Content too large", detail)
                .with("limit", limit).with("max", max).with("actual", actual);
    }

    /** 429: the caller has too much going on; {@code Retry-After} says when to try again. */
    public static ProblemException tooManyRequests(String limit, java.time.Duration retryAfter, String detail) {
        long seconds = Math.max(1, retryAfter.toSeconds());
        return new ProblemException(429, "too-many-requests", "Too many requests", detail)
                .with("limit", limit).withHeader("Retry-After", Long.toString(seconds));
    }

    public ProblemException withHeader(String name, String value) {
        headers.put(name, value);
        return this;
    }

    /** Response headers that belong to this problem (e.g. {@code Retry-After}). */
    public Map<String, String> headers() {
        return Map.copyOf(headers);
    }

    public ProblemException with(String member, Object value) {
        extensions.put(member, value);
        return this;
    }

    public int status() {
        return status;
    }

    public String slug() {
        return slug;
    }

    public String title() {
        return title;
    }

    public Map<String, Object> extensions() {
        return Map.copyOf(extensions);
    }
}
