package dev.verity.card.rest;

import dev.verity.card.domain.Card;
import dev.verity.card.service.CardService;
import dev.verity.platform.http.VersionTags;
import dev.verity.platform.problem.Problem;
import dev.verity.platform.security.CurrentUser;
import io.quarkus.security.Authenticated;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/cards")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Cards", description = "Create, read and edit knowledge cards")
@SecurityRequirement(name = "bearer")
@APIResponse(responseCode = "400", description = "Invalid input; `errors` names each bad field",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "401", description = "No or invalid bearer token",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class CardResource {

    private final CardService cards;
    private final CurrentUser user;

    CardResource(CardService cards, CurrentUser user) {
        this.cards = cards;
        this.user = user;
    }

    @POST
    @Operation(summary = "Create a card",
            description = "Stores the card at version 1 and publishes `card.created`. The author becomes the verifier unless `verifierId` is given.")
    @APIResponse(responseCode = "201", description = "Created; `Location` points at the card, `ETag` carries its version",
            headers = { @Header(name = "Location", schema = @Schema(type = SchemaType.STRING)),
                    @Header(name = "ETag", schema = @Schema(type = SchemaType.STRING, example = "\"1\"")) },
            content = @Content(schema = @Schema(implementation = CardResponse.class)))
    public Response create(@Valid @NotNull CardRequest request, UriInfo uri) {
        Card card = cards.create(request.toDraft(), user.id());
        return Response.created(uri.getAbsolutePathBuilder().path(card.id.toString()).build())
                .tag(VersionTags.of(card.version))
                .entity(CardResponse.of(card))
                .build();
    }

    @GET
    @Path("{id}")
    @Operation(summary = "Read a card", description = "Returns the current version; `ETag` carries it for a later `If-Match`.")
    @APIResponse(responseCode = "200", description = "The card",
            headers = @Header(name = "ETag", schema = @Schema(type = SchemaType.STRING, example = "\"3\"")),
            content = @Content(schema = @Schema(implementation = CardResponse.class)))
    @APIResponse(responseCode = "404", description = "No such card",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response get(@PathParam("id") UUID id) {
        Card card = cards.get(id);
        return Response.ok(CardResponse.of(card)).tag(VersionTags.of(card.version)).build();
    }

    @PUT
    @Path("{id}")
    @Operation(summary = "Replace a card's content",
            description = "Requires `If-Match` with the ETag you read. Replaces title, body and tags; verifier, interval and status keep their values when omitted. Publishes `card.updated` with the new version.")
    @APIResponse(responseCode = "200", description = "Updated; `ETag` carries the new version",
            headers = @Header(name = "ETag", schema = @Schema(type = SchemaType.STRING, example = "\"4\"")),
            content = @Content(schema = @Schema(implementation = CardResponse.class)))
    @APIResponse(responseCode = "404", description = "No such card",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "Someone changed the card since you read it; `currentVersion` says which version is current",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "428", description = "`If-Match` is missing",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response update(@PathParam("id") UUID id,
            @Parameter(description = "The ETag from your last read, e.g. \"3\"", required = true, example = "\"3\"")
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Valid @NotNull CardRequest request) {
        Card card = cards.update(id, VersionTags.expectedVersion(ifMatch), request.toDraft(), user.id());
        return Response.ok(CardResponse.of(card)).tag(VersionTags.of(card.version)).build();
    }
}
