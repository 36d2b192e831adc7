package dev.verity.platform.openapi;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.headers.Header;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;

/**
 * The response headers Verity sends, defined once ({@code #/components/headers/ETag} ...) and referred to from every
 * response that sends them. A resource says that a response sends one by naming it
 * ({@code @Header(name = "ETag")}); its definition comes from here, so the same header reads the same everywhere.
 * Two are implied by the status: every 429 sends {@code Retry-After} (platform {@code ProblemException}) and every
 * 401 {@code WWW-Authenticate} (platform {@code ProblemMappers}).
 */
public class ResponseHeaders implements OASFilter {

    public static final String ETAG = "ETag";
    public static final String LOCATION = "Location";
    public static final String RETRY_AFTER = "Retry-After";
    public static final String WWW_AUTHENTICATE = "WWW-Authenticate";

    private static Map<String, Header> definitions() {
        Map<String, Header> headers = new LinkedHashMap<>();
        headers.put(ETAG, OASFactory.createHeader()
                .description("The version of what the body shows, as a strong entity tag (`\"3\"`): send it back in "
                        + "`If-Match` to change it")
                .schema(OASFactory.createSchema().addType(Schema.SchemaType.STRING).examples(java.util.List.of("\"3\""))));
        headers.put(LOCATION, OASFactory.createHeader()
                .description("Where the created resource (or the accepted job's progress) can be read")
                .schema(OASFactory.createSchema().addType(Schema.SchemaType.STRING).format("uri-reference")));
        headers.put(RETRY_AFTER, OASFactory.createHeader()
                .description("Seconds to wait before trying again")
                .schema(OASFactory.createSchema().addType(Schema.SchemaType.INTEGER).minimum(java.math.BigDecimal.ZERO)));
        headers.put(WWW_AUTHENTICATE, OASFactory.createHeader()
                .description("`Bearer`: the scheme a request must authenticate with")
                .schema(OASFactory.createSchema().addType(Schema.SchemaType.STRING)));
        return headers;
    }

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getComponents() == null) {
            openAPI.components(OASFactory.createComponents());
        }
        Map<String, Header> definitions = definitions();
        // only what the document refers to is defined: an unused component is a lint warning
        Set<String> used = new TreeSet<>();
        APIResponse unauthorized = openAPI.getComponents().getResponses() == null ? null
                : openAPI.getComponents().getResponses().get("Unauthorized");
        if (unauthorized != null) {
            unauthorized.addHeader(WWW_AUTHENTICATE, reference(WWW_AUTHENTICATE));
            used.add(WWW_AUTHENTICATE);
        }
        if (openAPI.getPaths() != null && openAPI.getPaths().getPathItems() != null) {
            for (PathItem item : openAPI.getPaths().getPathItems().values()) {
                for (Operation operation : item.getOperations().values()) {
                    if (operation.getResponses() != null && operation.getResponses().getAPIResponses() != null) {
                        operation.getResponses().getAPIResponses().forEach((status, response) ->
                                referToDefinitions(status, response, definitions.keySet(), used));
                    }
                }
            }
        }
        used.forEach(name -> openAPI.getComponents().addHeader(name, definitions.get(name)));
    }

    private static void referToDefinitions(String status, APIResponse response, Set<String> defined, Set<String> used) {
        if (response.getRef() != null) {
            return;
        }
        if (status.equals("429")) {
            response.addHeader(RETRY_AFTER, reference(RETRY_AFTER));
        }
        if (response.getHeaders() == null) {
            return;
        }
        Map<String, Header> headers = new TreeMap<>(response.getHeaders());
        headers.replaceAll((name, header) -> {
            if (!defined.contains(name)) {
                return header;
            }
            used.add(name);
            return reference(name);
        });
        response.setHeaders(headers);
    }

    private static Header reference(String name) {
        return OASFactory.createHeader().ref(name);
    }
}
