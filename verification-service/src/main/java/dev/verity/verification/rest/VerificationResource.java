package dev.verity.verification.rest;

import dev.verity.platform.http.QueryParameters;
import dev.verity.platform.problem.Problem;
import dev.verity.platform.security.CurrentUser;
import dev.verity.verification.domain.RecordState;
import dev.verity.verification.domain.VerificationStatus;
import dev.verity.verification.service.VerificationQuery;
import dev.verity.verification.service.VerificationService;
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

@Path("/verifications")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Verifications", description = "Who verifies which card, and when it is next due")
@SecurityRequirement(name = "bearer")
@APIResponse(responseCode = "401", description = "No or invalid bearer token",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class VerificationResource {

    /** {@code verifier=me} stands for the caller, so a client need not know its own user id. */
    static final String ME = "me";

    private final VerificationService verifications;
    private final CurrentUser user;

    VerificationResource(VerificationService verifications, CurrentUser user) {
        this.verifications = verifications;
        this.user = user;
    }

    @GET
    @Path("{cardId}")
    @Operation(summary = "Read a card's verification",
            description = "The verification record of one card. Records appear shortly after the card is created (they are built from card events).")
    @APIResponse(responseCode = "200", description = "The record",
            content = @Content(schema = @Schema(implementation = VerificationResponse.class)))
    @APIResponse(responseCode = "404", description = "No record for this card (unknown card, or its event has not arrived yet)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public VerificationResponse get(
            @Parameter(description = "The card's id", example = "0b6f4f7e-2a53-4c1b-9a55-1f0f0d6f9c11")
            @PathParam("cardId") UUID cardId) {
        return VerificationResponse.of(verifications.get(cardId));
    }

    @GET
    @Operation(summary = "List verifications",
            description = "Verification records matching every given filter, soonest due first (`nextDueAt` ascending). `verifier=me&dueBefore=…` is a verifier's to-do list. Archived cards are left out unless `state=ARCHIVED`.")
    @APIResponse(responseCode = "200", description = "The matching records",
            content = @Content(schema = @Schema(implementation = VerificationList.class)))
    @APIResponse(responseCode = "400", description = "A query parameter is invalid; `errors` names it",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public VerificationList list(
            @Parameter(description = "Only cards this user or group verifies; `me` means the caller", example = "me",
                    schema = @Schema(type = SchemaType.STRING, maxLength = 100))
            @QueryParam("verifier") String verifier,
            @Parameter(description = "ACTIVE (default): cards in the verification queue; ARCHIVED: archived cards, which are never due",
                    example = "ACTIVE",
                    schema = @Schema(type = SchemaType.STRING, enumeration = { "ACTIVE", "ARCHIVED" }, defaultValue = "ACTIVE"))
            @QueryParam("state") String state,
            @Parameter(description = "Only records in this status", example = "VERIFIED",
                    schema = @Schema(type = SchemaType.STRING, enumeration = { "VERIFIED", "UNVERIFIED" }))
            @QueryParam("status") String status,
            @Parameter(description = "Only records due strictly before this instant (ISO-8601)",
                    example = "2026-06-01T00:00:00Z", schema = @Schema(type = SchemaType.STRING, format = "date-time"))
            @QueryParam("dueBefore") String dueBefore,
            @Parameter(description = "At most this many records", example = "50",
                    schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "200", defaultValue = "50"))
            @QueryParam("limit") String limit) {
        String verifierId = QueryParameters.text("verifier", verifier, 100);
        RecordState recordState = QueryParameters.oneOf("state", state, RecordState.class);
        VerificationQuery query = new VerificationQuery(
                recordState == null ? RecordState.ACTIVE : recordState,
                ME.equals(verifierId) ? user.id() : verifierId,
                QueryParameters.oneOf("status", status, VerificationStatus.class),
                QueryParameters.instant("dueBefore", dueBefore),
                QueryParameters.limit(limit, 50, 200));
        return new VerificationList(verifications.find(query).stream().map(VerificationResponse::of).toList());
    }
}
