package dev.verity.verification.trust;

import dev.verity.platform.http.QueryParameters;
import dev.verity.platform.problem.Problem;
import dev.verity.platform.problem.ProblemException;
import dev.verity.verification.trust.TrustScoreRepository.CollectionCount;
import dev.verity.verification.trust.TrustScoreRepository.DayCount;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/trust-scores")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Trust scores", description = "The share of live cards that are verified")
@SecurityRequirement(name = "bearer")
public class TrustScoreResource {

    @Schema(name = "TrustScore", description = "verified ÷ live; null when there are no live cards")
    public record Score(@Schema(example = "42") long verified, @Schema(example = "50") long live,
            @Schema(example = "0.84") Double score) {
        static Score of(long verified, long live) {
            return new Score(verified, live, live == 0 ? null : (double) verified / live);
        }
    }

    @Schema(name = "CollectionTrustScore")
    public record CollectionScore(UUID collectionId, long verified, long live, Double score) {
    }

    @Schema(name = "DailyTrustScore", description = "The score at the end of one day (UTC)")
    public record DayScore(@Schema(example = "2026-11-23") LocalDate date, long verified, long live, Double score) {
    }

    @Schema(name = "TrustScores")
    public record Report(@Schema(description = "Now, over every collection counted") Score overall,
            @Schema(description = "Now, per collection the caller can read") List<CollectionScore> collections,
            LocalDate from, LocalDate to,
            @Schema(description = "One entry per day from `from` to `to`") List<DayScore> daily) {
    }

    private final TrustScores scores;

    TrustScoreResource(TrustScores scores) {
        this.scores = scores;
    }

    @GET
    @Operation(operationId = "getTrustScores", summary = "Trust scores",
            description = "Verified ÷ live (not archived) cards, now per collection the caller can read and overall, and a daily series from `from` to `to` (default: the last 30 days; at most 366 days).")
    @APIResponse(responseCode = "200", description = "Scores", content = @Content(schema = @Schema(implementation = Report.class)))
    @APIResponse(responseCode = "404", description = "The collection does not exist or the caller may not read it",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Report get(
            @Parameter(description = "Only this collection", schema = @Schema(type = SchemaType.STRING, format = "uuid"))
            @QueryParam("collectionId") String collectionId,
            @Parameter(description = "First day of the series", example = "2026-11-01",
                    schema = @Schema(type = SchemaType.STRING, format = "date")) @QueryParam("from") String from,
            @Parameter(description = "Last day of the series (default today)", example = "2026-11-30",
                    schema = @Schema(type = SchemaType.STRING, format = "date")) @QueryParam("to") String to) {
        TrustScores.Report report = scores.report(QueryParameters.uuid("collectionId", collectionId), date("from", from),
                date("to", to));
        return new Report(Score.of(report.verified(), report.live()),
                report.collections().stream().map(TrustScoreResource::collection).toList(), report.from(), report.to(),
                report.daily().stream().map(TrustScoreResource::day).toList());
    }

    private static CollectionScore collection(CollectionCount count) {
        Score score = Score.of(count.verified(), count.live());
        return new CollectionScore(count.collectionId(), count.verified(), count.live(), score.score());
    }

    private static DayScore day(DayCount count) {
        return new DayScore(count.day(), count.verified(), count.live(), Score.of(count.verified(), count.live()).score());
    }

    private static LocalDate date(String name, String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(raw.strip());
        } catch (DateTimeParseException e) {
            throw ProblemException.invalidParameter(name, "must be a date such as 2026-11-23, got '" + raw + "'");
        }
    }
}
