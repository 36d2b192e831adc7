package dev.verity.card.usage;

import dev.verity.platform.http.QueryParameters;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/collections/{id}/usage")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Usage")
@SecurityRequirement(name = "bearer")
public class CollectionUsageResource {

    private final UsageService usage;

    CollectionUsageResource(UsageService usage) {
        this.usage = usage;
    }

    @GET
    @Operation(operationId = "getCollectionUsage", summary = "A collection's usage by day, and its most and least used cards",
            description = "Needs AUTHOR in the collection (a reader gets 403, anyone else 404). Counts cover the cards in the collection now; archived cards are left out of the rankings.")
    @APIResponse(responseCode = "200", description = "The collection's usage", content = @Content(schema = @Schema(implementation = CollectionUsage.class)))
    public CollectionUsage collectionUsage(@PathParam("id") UUID id,
            @Parameter(description = "First day (UTC, inclusive); default 29 days before `to`", example = "2026-11-01") @QueryParam("from") String from,
            @Parameter(description = "Last day (UTC, inclusive); default today. At most 400 days in all", example = "2026-11-30") @QueryParam("to") String to,
            @Parameter(description = "How many cards each ranking lists", schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "50", defaultValue = "10")) @QueryParam("limit") String limit) {
        return usage.collectionUsage(id, from, to, QueryParameters.limit(limit, 10, 50));
    }
}
