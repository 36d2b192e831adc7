package dev.verity.card.cards;

import io.quarkus.security.Authenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * A card by its slug, at a path of its own: under {@code /cards/by-slug/{slug}} it was ambiguous with
 * {@code /cards/{id}/...} for any router that matches templates (that old address still answers, undocumented, for
 * a deprecation period).
 */
@Path("/card-slugs")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Cards")
@SecurityRequirement(name = "bearer")
public class CardSlugResource {

    private final CardService cards;
    private final CardViews views;

    CardSlugResource(CardService cards, CardViews views) {
        this.cards = cards;
        this.views = views;
    }

    @GET
    @Path("{slug}")
    @Operation(operationId = "getCardBySlug", summary = "Read a card by its slug",
            description = "Slugs never change, so links built from them keep working. Needs any role in the card's "
                    + "collection. `ETag` carries the version for a later `If-Match`.")
    @APIResponse(responseCode = "200", description = "The card", headers = @Header(name = "ETag"),
            content = @Content(schema = @Schema(implementation = CardResponse.class)))
    public Response bySlug(@PathParam("slug") String slug) {
        return views.ok(cards.openBySlug(slug));
    }
}
