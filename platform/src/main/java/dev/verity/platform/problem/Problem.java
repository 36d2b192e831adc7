package dev.verity.platform.problem;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An RFC 9457 problem details document, the body of every error response ({@code application/problem+json}).
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@Schema(name = "Problem", description = "RFC 9457 problem details, returned with every 4xx/5xx response")
public record Problem(
        @Schema(description = "URI identifying the problem type", example = "https://verity.dev/problems/validation")
        String type,
        @Schema(description = "Short, human-readable summary of the problem type", example = "Invalid request")
        String title,
        @Schema(description = "HTTP status code", example = "400")
        int status,
        @Schema(description = "Explanation specific to this occurrence", example = "title: must not be blank")
        String detail,
        @Schema(description = "The request path this problem occurred on", example = "/cards")
        String instance,
        @Schema(description = "Per-field validation errors, when the request body or parameters were invalid")
        List<FieldError> errors,
        @Schema(hidden = true)
        Map<String, Object> extensions) {

    public static final String MEDIA_TYPE = "application/problem+json";
    public static final String TYPE_BASE = "https://verity.dev/problems/";

    /** Extension members (e.g. {@code currentVersion}) are written at the top level, as RFC 9457 wants. */
    @JsonAnyGetter
    public Map<String, Object> extensionMembers() {
        return extensions == null ? Map.of() : extensions;
    }

    @Override
    @com.fasterxml.jackson.annotation.JsonIgnore
    public Map<String, Object> extensions() {
        return extensions;
    }

    @Schema(name = "FieldError", description = "One invalid field")
    public record FieldError(
            @Schema(description = "Field path in the request", example = "title") String field,
            @Schema(description = "What is wrong with it", example = "size must be between 1 and 200") String message) {
    }
}
