package dev.verity.verification.collections;

import dev.verity.platform.problem.Problem;
import dev.verity.verification.verifications.ActionRequests;
import dev.verity.verification.verifications.PolicyChange;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.LocalDate;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/collections/{collectionId}/verification-defaults")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Verification defaults", description = "The verifier and schedule a collection's new cards take")
@SecurityRequirement(name = "bearer")
public class CollectionDefaultsResource {

    @Schema(name = "VerificationDefaults", description = "What new cards of the collection take when their author names no verifier")
    public record Defaults(UUID collectionId, @Schema(example = "billing-experts") String verifierId,
            @Schema(example = "90") Integer intervalDays, LocalDate verifyOn) {
        static Defaults of(VerificationDefaults collection) {
            return new Defaults(collection.id, collection.defaultVerifierId, collection.defaultIntervalDays,
                    collection.defaultVerifyOn);
        }
    }

    private final CollectionDefaults defaults;

    CollectionDefaultsResource(CollectionDefaults defaults) {
        this.defaults = defaults;
    }

    @GET
    @Operation(operationId = "getCollectionDefaults", summary = "Read a collection's verification defaults", description = "Anyone with a role in the collection.")
    @APIResponse(responseCode = "200", description = "The defaults", content = @Content(schema = @Schema(implementation = Defaults.class)))
    public Defaults get(@PathParam("collectionId") UUID collectionId) {
        return Defaults.of(defaults.get(collectionId));
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "updateCollectionDefaults", summary = "Change a collection's verification defaults",
            description = "Collection owners. New cards that take the collection's defaults get this verifier and schedule; existing cards keep theirs. A later change of the defaults in card-service replaces these.")
    @APIResponse(responseCode = "200", description = "The new defaults", content = @Content(schema = @Schema(implementation = Defaults.class)))
    @APIResponse(responseCode = "400", description = "Interval off the menu, a date not in the future, not exactly one schedule, or a verifier without a role in the collection",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "The caller is not an owner",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Defaults change(@PathParam("collectionId") UUID collectionId, ActionRequests.Policy body) {
        ActionRequests.Policy policy = body == null ? new ActionRequests.Policy(null, null, null, null) : body;
        return Defaults.of(defaults.change(collectionId,
                new PolicyChange(policy.verifierId(), policy.intervalDays(), policy.verifyOn(), policy.never())));
    }
}
