package dev.verity.search.gaps;

import dev.verity.platform.access.CollectionAccess;
import dev.verity.platform.access.Viewer;
import dev.verity.platform.http.QueryParameters;
import dev.verity.platform.problem.Problem;
import dev.verity.platform.problem.ProblemException;
import dev.verity.platform.security.CurrentUser;
import dev.verity.search.index.IndexQueries;
import io.quarkus.security.Authenticated;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Clicks on hits, and the report of what people looked for and did not find. */
@Path("/search")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Knowledge gaps", description = "What people search for and do not find: what to write next")
@SecurityRequirement(name = "bearer")
public class GapsResource {

    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 100;
    static final Duration DEFAULT_PERIOD = Duration.ofDays(7);
    static final Duration MAX_PERIOD = Duration.ofDays(366);

    @Schema(name = "SearchClick", description = "The caller opened a hit of one of their searches")
    public record Click(
            @NotNull @Schema(description = "`searchId` of the search the hit came from", example = "4711") Long searchId,
            @NotNull @Schema(example = "0b6f4f7e-2a53-4c1b-9a55-1f0f0d6f9c11") UUID cardId) {
    }

    private final SearchLogRepository log;
    private final CurrentUser user;
    private final Clock clock;
    private final IndexQueries index;
    private final CollectionAccess access;

    GapsResource(SearchLogRepository log, CurrentUser user, Clock clock, IndexQueries index,
            CollectionAccess access) {
        this.index = index;
        this.access = access;
        this.log = log;
        this.user = user;
        this.clock = clock;
    }

    @POST
    @Path("clicks")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "recordSearchClick", summary = "Record a click on a search hit",
            description = "A search that found cards nobody opened is a gap too: clients report which hit the user "
                    + "opened. Only for a card that was a hit of the caller's own search (any of its pages) and that "
                    + "the caller may still read; the same hit twice counts once.")
    @APIResponse(responseCode = "204", description = "Recorded")
    @APIResponse(responseCode = "404", description = "No search of the caller's with this id showed this card, or "
            + "the caller may no longer read it (one answer for all, so it tells nothing about other cards)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public void click(@Valid @NotNull Click click) {
        if (!index.readable(click.cardId(), access.readScope(Viewer.of(user)))
                || !log.clicked(click.searchId(), click.cardId(), user.id())) {
            throw new ProblemException(404, "not-found", "Not found", "search " + click.searchId()
                    + " of yours showed no card " + click.cardId() + " you may read");
        }
    }

    @GET
    @Path("gaps")
    @RolesAllowed(CurrentUser.ADMIN)
    @Operation(operationId = "reportKnowledgeGaps", summary = "Knowledge gaps: what people did not find",
            description = "Org admins only (queries may name customers or products). The most frequent queries that "
                    + "found nothing, the most frequent whose hits nobody opened, and per-day counts, over a period "
                    + "(default the last 7 days, at most 366). Searchers are counted, never named.")
    @APIResponse(responseCode = "200", description = "The report",
            content = @Content(schema = @Schema(implementation = SearchLogRepository.Report.class)))
    public SearchLogRepository.Report gaps(
            @Parameter(description = "Start (inclusive), ISO-8601; default 7 days before `to`")
            @QueryParam("from") String from,
            @Parameter(description = "End (exclusive), ISO-8601; default now") @QueryParam("to") String to,
            @Parameter(description = "Queries per list", schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "" + MAX_LIMIT, defaultValue = "" + DEFAULT_LIMIT)) @QueryParam("limit") String limit) {
        Instant end = QueryParameters.instant("to", to);
        end = end == null ? clock.instant() : end;
        Instant start = QueryParameters.instant("from", from);
        start = start == null ? end.minus(DEFAULT_PERIOD) : start;
        if (!start.isBefore(end)) {
            throw ProblemException.invalidParameter("from", "must be before `to`");
        }
        if (Duration.between(start, end).compareTo(MAX_PERIOD) > 0) {
            throw ProblemException.invalidParameter("from", "the period may be at most 366 days");
        }
        return log.report(start, end, QueryParameters.limit(limit, DEFAULT_LIMIT, MAX_LIMIT));
    }
}
