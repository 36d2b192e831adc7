package dev.verity.card.usage;

import dev.verity.platform.http.PageCursor;
import dev.verity.platform.http.QueryParameters;
import dev.verity.platform.security.CurrentUser;
import io.quarkus.security.Authenticated;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/cards/{id}")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Usage", description = "How cards are used: views, copies and helpdesk links, by day, for authors")
@SecurityRequirement(name = "bearer")
public class CardUsageResource {

    private final UsageService usage;
    private final CurrentUser user;

    CardUsageResource(UsageService usage, CurrentUser user) {
        this.usage = usage;
        this.user = user;
    }

    @POST
    @Path("copies")
    @Consumes(MediaType.WILDCARD)
    @Operation(operationId = "recordCardCopy", summary = "Record a copy of the card's content",
            description = "The web app's Copy button calls it. Needs any role in the card's collection. Counted in the card's usage (in batches: it shows within seconds).")
    @APIResponse(responseCode = "204", description = "Counted")
    public void copy(@PathParam("id") UUID id) {
        usage.copied(id);
    }

    @POST
    @Path("links")
    @Operation(operationId = "linkCardToTicket", summary = "Link a helpdesk ticket to the card",
            description = "For helpdesk integrations: the agent answered the ticket with this card. Needs any role in the card's collection. "
                    + "Idempotent per `system` and `ticketId`: the first call creates the link (201) and counts it in the card's usage, a repeat answers the same link (200, its `url` updated) and counts nothing.")
    @RequestBody(content = @Content(schema = @Schema(implementation = LinkRequest.class), examples = @ExampleObject(
            name = "zendesk", summary = "A Zendesk ticket",
            value = "{\"system\": \"zendesk\", \"ticketId\": \"48213\", \"url\": \"https://acme.zendesk.com/agent/tickets/48213\"}")))
    @APIResponse(responseCode = "201", description = "Linked; `Location` points at the card's links",
            headers = @Header(name = "Location"), content = @Content(schema = @Schema(implementation = LinkResponse.class)))
    @APIResponse(responseCode = "200", description = "Already linked: the existing link",
            content = @Content(schema = @Schema(implementation = LinkResponse.class)))
    public Response link(@PathParam("id") UUID id, @Valid @NotNull LinkRequest request, UriInfo uri) {
        Map.Entry<UsageRepository.Link, Boolean> link = usage.link(id, request.system(), request.ticketId().strip(),
                request.url(), user.id());
        LinkResponse body = LinkResponse.of(link.getKey());
        return link.getValue()
                ? Response.created(uri.getAbsolutePathBuilder().path(body.id().toString()).build()).entity(body).build()
                : Response.ok(body).build();
    }

    @GET
    @Path("links")
    @Operation(operationId = "listCardLinks", summary = "The helpdesk tickets linked to the card", description = "Newest first. Needs any role in the card's collection.")
    @APIResponse(responseCode = "200", description = "A page of links", content = @Content(schema = @Schema(implementation = LinkResponse.Page.class)))
    public LinkResponse.Page links(@PathParam("id") UUID id,
            @Parameter(description = "`nextCursor` of the previous page") @QueryParam("cursor") String cursor,
            @Parameter(description = "Page size", schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "200", defaultValue = "50")) @QueryParam("limit") String limit) {
        int size = QueryParameters.limit(limit, 50, 200);
        List<UsageRepository.Link> page = usage.links(id, PageCursor.decode(cursor), size);
        String next = page.size() < size ? null
                : new PageCursor(page.get(page.size() - 1).createdAt(), page.get(page.size() - 1).id()).encode();
        return new LinkResponse.Page(page.stream().map(LinkResponse::of).toList(), next);
    }

    @DELETE
    @Path("links/{linkId}")
    @Consumes(MediaType.WILDCARD)
    @Operation(operationId = "unlinkCardFromTicket", summary = "Remove a helpdesk link", description = "Needs any role in the card's collection. Links added earlier stay counted in the days they were added.")
    @APIResponse(responseCode = "204", description = "Removed")
    public void unlink(@PathParam("id") UUID id, @PathParam("linkId") UUID linkId) {
        usage.unlink(id, linkId);
    }

    @GET
    @Path("usage")
    @Operation(operationId = "getCardUsage", summary = "A card's usage by day",
            description = "Views (by people, once per person per view window), unique viewers, copies and helpdesk links added, for each day of the period and in total. "
                    + "Needs AUTHOR in the card's collection (a reader gets 403, anyone else the card's 404). Counts arrive in batches, within seconds; kept 13 months.")
    @APIResponse(responseCode = "200", description = "The card's usage", content = @Content(schema = @Schema(implementation = CardUsage.class)))
    public CardUsage cardUsage(@PathParam("id") UUID id,
            @Parameter(description = "First day (UTC, inclusive); default 29 days before `to`", example = "2026-11-01") @QueryParam("from") String from,
            @Parameter(description = "Last day (UTC, inclusive); default today. At most 400 days in all", example = "2026-11-30") @QueryParam("to") String to) {
        return usage.cardUsage(id, from, to);
    }
}
