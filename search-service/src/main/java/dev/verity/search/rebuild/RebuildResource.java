package dev.verity.search.rebuild;

import dev.verity.platform.http.QueryParameters;
import dev.verity.platform.problem.Problem;
import dev.verity.platform.problem.ProblemException;
import dev.verity.platform.security.CurrentUser;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Zero-downtime rebuilds of the search index, for operators (org admins). */
@Path("/search/admin/rebuilds")
@RolesAllowed(CurrentUser.ADMIN)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Index rebuilds", description = "Rebuild the search index from the card events while search keeps "
        + "answering")
@SecurityRequirement(name = "bearer")
public class RebuildResource {

    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 100;

    @Schema(name = "IndexRebuilds", description = "Rebuilds, newest first")
    public record Page(List<Rebuild> rebuilds) {
    }

    private final IndexRebuilds rebuilds;
    private final RebuildRepository reports;
    private final CurrentUser user;

    RebuildResource(IndexRebuilds rebuilds, RebuildRepository reports, CurrentUser user) {
        this.rebuilds = rebuilds;
        this.reports = reports;
        this.user = user;
    }

    @POST
    @Operation(operationId = "startIndexRebuild", summary = "Start a rebuild of the search index",
            description = "Builds a new index with the current mapping from every card's latest event on "
                    + "`verity.cards` while live changes go to both indices, then moves the alias to it atomically "
                    + "and drops the old index. Search answers throughout. Follow it at the `Location`.")
    @APIResponse(responseCode = "202", description = "Started", headers = @Header(name = "Location"),
            content = @Content(schema = @Schema(implementation = Rebuild.class)))
    @APIResponse(responseCode = "409", description = "A rebuild is already running (its id in `rebuild`)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response start(@Context UriInfo uri) {
        Rebuild started = rebuilds.start(user.id());
        return Response.accepted(started)
                .location(uri.getAbsolutePathBuilder().path(started.id().toString()).build()).build();
    }

    @GET
    @Operation(operationId = "listIndexRebuilds", summary = "Rebuilds of the search index, newest first")
    @APIResponse(responseCode = "200", description = "The rebuilds",
            content = @Content(schema = @Schema(implementation = Page.class)))
    public Page list(@Parameter(description = "How many", schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "" + MAX_LIMIT, defaultValue = "" + DEFAULT_LIMIT)) @QueryParam("limit") String limit) {
        rebuilds.sweep();
        return new Page(reports.newest(QueryParameters.limit(limit, DEFAULT_LIMIT, MAX_LIMIT)));
    }

    @GET
    @Path("{id}")
    @Operation(operationId = "getIndexRebuild", summary = "One rebuild's state and progress")
    @APIResponse(responseCode = "200", description = "The rebuild",
            content = @Content(schema = @Schema(implementation = Rebuild.class)))
    public Rebuild get(@PathParam("id") String id) {
        rebuilds.sweep();
        var rebuildId = QueryParameters.requiredUuid("id", id);
        return reports.find(rebuildId).orElseThrow(() -> ProblemException.notFound("rebuild", rebuildId));
    }
}
