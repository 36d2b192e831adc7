package dev.verity.platform.openapi;

import dev.verity.platform.problem.Problem;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

/**
 * The error answers every operation can give, written once: each is a component response
 * ({@code #/components/responses/BadRequest} ...) with an {@code application/problem+json} body of the one
 * {@code Problem} schema, and every operation refers to those that apply to it. Resources declare only what is
 * particular to an operation (409, 412, 428, a 403 with its own reason); what they declare is kept.
 */
public class StandardErrorResponses implements OASFilter {

    private record Standard(String code, String name, String description) {
    }

    private static final Standard BAD_REQUEST = new Standard("400", "BadRequest",
            "Invalid input: a parameter or body field is missing, of the wrong type or breaks a rule; `errors` names "
                    + "each bad field");
    private static final Standard UNAUTHORIZED = new Standard("401", "Unauthorized",
            "No or invalid bearer token");
    private static final Standard FORBIDDEN = new Standard("403", "Forbidden",
            "Authenticated, but your role does not allow this");
    private static final Standard NOT_FOUND = new Standard("404", "NotFound",
            "Nothing at this path, or nothing you may see (what you may not read is reported as absent)");
    private static final Standard NOT_ACCEPTABLE = new Standard("406", "NotAcceptable",
            "The `Accept` header names no media type this operation produces");
    private static final Standard UNSUPPORTED_MEDIA_TYPE = new Standard("415", "UnsupportedMediaType",
            "The body's `Content-Type` is not one this operation reads");
    private static final Standard INTERNAL = new Standard("500", "InternalError",
            "Something went wrong on our side; `reference` identifies it in the service's log");

    private static final List<Standard> ALL = List.of(BAD_REQUEST, UNAUTHORIZED, FORBIDDEN, NOT_FOUND, NOT_ACCEPTABLE,
            UNSUPPORTED_MEDIA_TYPE, INTERNAL);

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getComponents() == null || openAPI.getComponents().getSchemas() == null
                || !openAPI.getComponents().getSchemas().containsKey("Problem")) {
            // platform's OperationsResource refers to it, so every service's document has it
            throw new IllegalStateException("the OpenAPI document has no Problem schema to refer error responses to");
        }
        for (Standard standard : ALL) {
            openAPI.getComponents().addResponse(standard.name(), OASFactory.createAPIResponse()
                    .description(standard.description())
                    .content(OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE,
                            OASFactory.createMediaType().schema(OASFactory.createSchema().ref("Problem")))));
        }
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        boolean securedByDefault = openAPI.getSecurity() != null && !openAPI.getSecurity().isEmpty();
        openAPI.getPaths().getPathItems().forEach((path, item) -> {
            for (Map.Entry<PathItem.HttpMethod, Operation> entry : item.getOperations().entrySet()) {
                addStandardResponses(path, item, entry.getKey(), entry.getValue(), securedByDefault);
            }
        });
    }

    /**
     * A response with neither a body nor a reference is one SmallRye added on its own (e.g. "400 Bad Request" for
     * an operation with {@code @Valid}); ours replaces it. One a resource declares has a problem+json body.
     */
    private static boolean guessed(APIResponse response) {
        return response.getRef() == null
                && (response.getContent() == null || response.getContent().getMediaTypes() == null
                        || response.getContent().getMediaTypes().isEmpty());
    }

    private static void addStandardResponses(String path, PathItem item, PathItem.HttpMethod method,
            Operation operation, boolean securedByDefault) {
        if (operation.getResponses() == null) {
            operation.setResponses(OASFactory.createAPIResponses());
        }
        APIResponses responses = operation.getResponses();
        boolean hasBody = operation.getRequestBody() != null;
        boolean hasParameters = (operation.getParameters() != null && !operation.getParameters().isEmpty())
                || (item.getParameters() != null && !item.getParameters().isEmpty());
        boolean secured = operation.getSecurity() != null ? !operation.getSecurity().isEmpty() : securedByDefault;
        boolean produces = responses.getAPIResponses() != null && responses.getAPIResponses().entrySet().stream()
                .anyMatch(response -> response.getKey().startsWith("2") && response.getValue().getContent() != null
                        && response.getValue().getContent().getMediaTypes() != null
                        && !response.getValue().getContent().getMediaTypes().isEmpty());

        Map<Standard, Boolean> applies = new LinkedHashMap<>();
        applies.put(BAD_REQUEST, hasBody || hasParameters);
        applies.put(UNAUTHORIZED, secured);
        // reads are scoped to what you may see (absent otherwise); changes can be refused for your role
        applies.put(FORBIDDEN, secured && method != PathItem.HttpMethod.GET && method != PathItem.HttpMethod.HEAD);
        applies.put(NOT_FOUND, path.contains("{"));
        applies.put(NOT_ACCEPTABLE, produces);
        applies.put(UNSUPPORTED_MEDIA_TYPE, hasBody);
        applies.put(INTERNAL, true);
        applies.forEach((standard, yes) -> {
            if (yes && (!responses.hasAPIResponse(standard.code())
                    || guessed(responses.getAPIResponse(standard.code())))) {
                APIResponse reference = OASFactory.createAPIResponse().ref(standard.name());
                responses.addAPIResponse(standard.code(), reference);
            }
        });
        // by status, so the checked-in documents do not churn with the order annotations happen to be read in
        responses.setAPIResponses(new TreeMap<>(responses.getAPIResponses()));
    }
}
