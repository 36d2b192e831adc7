package dev.verity.platform.openapi;

import java.util.List;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;

/**
 * The one OpenAPI filter every service runs ({@code mp.openapi.filter}): what each document shares, written once —
 * the standard error answers, the response headers we send, the server and the licence.
 */
public class VerityDocument implements OASFilter {

    private final List<OASFilter> steps = List.of(new StandardErrorResponses(), new ResponseHeaders(),
            new DocumentInfo());

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        steps.forEach(step -> step.filterOpenAPI(openAPI));
    }
}
