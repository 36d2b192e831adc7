package dev.verity.card.templates;


import dev.verity.card.cards.Card;
import dev.verity.card.cards.CardResponse;
import dev.verity.card.cards.CardStatus;
import dev.verity.card.cards.CardViews;
import dev.verity.card.content.TextRules;
import dev.verity.platform.http.PageCursor;
import dev.verity.platform.http.QueryParameters;
import dev.verity.platform.http.VersionTags;
import dev.verity.platform.problem.Problem;
import dev.verity.platform.security.CurrentUser;
import io.quarkus.security.Authenticated;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/templates")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Templates", description = "Starting points for cards, shared by the organisation. The built-in \"Feature Breakdown\" template cannot be changed.")
@SecurityRequirement(name = "bearer")
public class TemplateResource {

    private final TemplateService templates;
    private final CardViews views;
    private final CurrentUser user;

    TemplateResource(TemplateService templates, CardViews views, CurrentUser user) {
        this.templates = templates;
        this.views = views;
        this.user = user;
    }

    @Schema(name = "TemplateRequest")
    public record TemplateRequest(
            @NotBlank @Size(max = 100) @Pattern(regexp = TextRules.NO_CONTROL_CHARS, message = TextRules.NO_CONTROL_CHARS_MESSAGE)
            @Schema(example = "Known issue") String name,
            @Size(max = 1000) @Schema(example = "A bug customers may hit, with the workaround") String description,
            @Size(max = TextRules.MAX_TITLE) @Pattern(regexp = TextRules.NO_CONTROL_CHARS, message = TextRules.NO_CONTROL_CHARS_MESSAGE)
            @Schema(description = "Suggested card title", example = "Known issue: <summary>") String title,
            @NotNull @Size(max = TextRules.MAX_BODY) @Pattern(regexp = TextRules.NO_CONTROL_CHARS, message = TextRules.NO_CONTROL_CHARS_MESSAGE)
            @Schema(description = "Markdown skeleton", example = "## Symptoms\n\n## Workaround\n\n## Fix expected") String body,
            @Size(max = TextRules.MAX_TAGS) List<@NotBlank @Size(max = TextRules.MAX_TAG) @Pattern(regexp = TextRules.TAG, message = TextRules.TAG_MESSAGE) String> tags) {
        TemplateService.TemplateDraft draft() {
            return new TemplateService.TemplateDraft(name, description, title, body, tags);
        }
    }

    @Schema(name = "Template")
    public record TemplateResponse(UUID id, @Schema(example = "1") long version, @Schema(example = "Feature Breakdown") String name,
            String description, String title, String body, List<String> tags,
            @Schema(description = "Built-in templates cannot be changed") boolean builtIn,
            String createdBy, Instant updatedAt) {
        static TemplateResponse of(Template t) {
            return new TemplateResponse(t.id, t.version, t.name, t.description, t.title, t.body, List.copyOf(t.tags),
                    t.builtIn, t.createdBy, t.updatedAt);
        }
    }

    @Schema(name = "CardFromTemplateRequest")
    public record CardFromTemplateRequest(
            @NotNull @Schema(description = "Collection for the new card (you need AUTHOR there)") UUID collectionId,
            @Size(max = 20) List<@NotNull UUID> folderIds,
            @Size(max = TextRules.MAX_TITLE) @Pattern(regexp = TextRules.NO_CONTROL_CHARS, message = TextRules.NO_CONTROL_CHARS_MESSAGE)
            @Schema(description = "Defaults to the template's suggested title", example = "Feature Breakdown: Shared Inbox") String title,
            @Size(max = TextRules.MAX_TAGS) @Schema(description = "Added to the template's tags (at most 20 tags in all)") List<@NotBlank @Size(max = TextRules.MAX_TAG) @Pattern(regexp = TextRules.TAG, message = TextRules.TAG_MESSAGE) String> tags,
            @Schema(description = "Default DRAFT: a template is meant to be filled in first") CardStatus status) {
    }

    @Schema(name = "TemplateList")
    public record TemplateList(List<TemplateResponse> items,
            @Schema(description = "Pass as `cursor` for the next page; null on the last page", nullable = true) String nextCursor) {
    }

    @GET
    @Operation(operationId = "listTemplates", summary = "List templates", description = "Oldest first, so the built-in templates lead. Each person may keep at most 100 templates.")
    @APIResponse(responseCode = "200", description = "A page of templates", content = @Content(schema = @Schema(implementation = TemplateList.class)))
    public TemplateList list(@Parameter(description = "`nextCursor` of the previous page") @QueryParam("cursor") String cursor,
            @Parameter(description = "Page size", schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "200", defaultValue = "50")) @QueryParam("limit") String limit) {
        int size = QueryParameters.limit(limit, 50, 200);
        List<Template> page = templates.list(PageCursor.decode(cursor), size);
        String next = page.size() < size ? null
                : new PageCursor(page.get(page.size() - 1).createdAt, page.get(page.size() - 1).id).encode();
        return new TemplateList(page.stream().map(TemplateResponse::of).toList(), next);
    }

    @GET
    @Path("{id}")
    @Operation(operationId = "getTemplate", summary = "Read a template")
    @APIResponse(responseCode = "200", description = "The template", headers = @Header(name = "ETag"), content = @Content(schema = @Schema(implementation = TemplateResponse.class)))
    public Response get(@PathParam("id") UUID id) {
        Template t = templates.get(id);
        return Response.ok(TemplateResponse.of(t)).tag(VersionTags.of(t.version)).build();
    }

    @POST
    @Operation(operationId = "createTemplate", summary = "Create a template")
    @APIResponse(responseCode = "201", description = "Created", headers = { @Header(name = "Location"), @Header(name = "ETag") }, content = @Content(schema = @Schema(implementation = TemplateResponse.class)))
    @APIResponse(responseCode = "409", description = "A template with this name exists",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response create(@Valid @NotNull TemplateRequest request, UriInfo uri) {
        Template t = templates.create(request.draft(), user.id());
        return Response.created(uri.getAbsolutePathBuilder().path(t.id.toString()).build())
                .tag(VersionTags.of(t.version)).entity(TemplateResponse.of(t)).build();
    }

    @PUT
    @Path("{id}")
    @Operation(operationId = "replaceTemplate", summary = "Replace a template", description = "Its creator or an ADMIN; requires `If-Match`. Cards made from it are not changed.")
    @APIResponse(responseCode = "200", description = "Updated", headers = @Header(name = "ETag"), content = @Content(schema = @Schema(implementation = TemplateResponse.class)))
    @APIResponse(responseCode = "403", description = "Built in, or not yours", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "Changed since you read it", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "428", description = "`If-Match` is missing", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response update(@PathParam("id") UUID id,
            @Parameter(description = "The ETag from your last read", required = true, example = "\"1\"") @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Valid @NotNull TemplateRequest request) {
        Template t = templates.update(id, VersionTags.expectedVersion(ifMatch), request.draft(), user.id());
        return Response.ok(TemplateResponse.of(t)).tag(VersionTags.of(t.version)).build();
    }

    @DELETE
    @Path("{id}")
    @Operation(operationId = "deleteTemplate", summary = "Delete a template", description = "Its creator or an ADMIN. Cards made from it stay.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "403", description = "Built in, or not yours", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public void delete(@PathParam("id") UUID id) {
        templates.delete(id);
    }

    @POST
    @Path("{id}/cards")
    @Operation(operationId = "createCardFromTemplate", summary = "Create a card from a template", description = "The card gets the template's body and tags (plus yours), DRAFT unless you say otherwise. Publishes `card.created`.")
    @APIResponse(responseCode = "201", description = "The new card", headers = { @Header(name = "Location"), @Header(name = "ETag") }, content = @Content(schema = @Schema(implementation = CardResponse.class)))
    @APIResponse(responseCode = "403", description = "You are not AUTHOR in the collection", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response createCard(@PathParam("id") UUID id, @Valid @NotNull CardFromTemplateRequest request, UriInfo uri) {
        Card card = templates.createCard(id, request.collectionId(),
                request.folderIds() == null ? List.of() : request.folderIds(), request.title(), request.tags(),
                request.status(), user.id());
        CardResponse created = views.of(card);
        return Response.created(uri.getBaseUriBuilder().path("cards").path(created.id().toString()).build())
                .tag(VersionTags.of(created.version())).entity(created).build();
    }
}
