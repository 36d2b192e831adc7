package dev.verity.verification;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.media.Schema;

/**
 * Keeps the shared {@code LocalDate} schema of this service's document as published: a plain date, no sample value.
 * The scanner builds that component from whichever use of {@code LocalDate} it meets first, and one kind of use adds
 * a sample date ({@code 2022-03-10}) to it; which comes first follows the order of classes in the index, so moving
 * classes between packages changed the document without any change to the API.
 */
@OpenApiFilter
public class PublishedLocalDate implements OASFilter {

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getComponents() == null) {
            return;
        }
        Map<String, Schema> schemas = openAPI.getComponents().getSchemas();
        Schema localDate = schemas == null ? null : schemas.get("LocalDate");
        if (localDate != null) {
            localDate.setExamples(null);
        }
    }
}
