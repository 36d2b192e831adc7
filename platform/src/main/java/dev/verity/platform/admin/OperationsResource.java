package dev.verity.platform.admin;

import dev.verity.platform.consumer.DeadLetterRedrive;
import dev.verity.platform.outbox.OutboxConfig;
import dev.verity.platform.outbox.OutboxRelay;
import dev.verity.platform.problem.Problem;
import dev.verity.platform.problem.ProblemException;
import dev.verity.platform.security.CurrentUser;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Operator actions every service offers: re-driving dead-lettered events and parked outbox rows. Admins only. */
@Path("/admin")
@RolesAllowed(CurrentUser.ADMIN)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Operations", description = "Re-drive dead-lettered events and parked outbox rows after a fix. Org admins only.")
@SecurityRequirement(name = "bearer")
@APIResponse(responseCode = "403", description = "Needs an org admin (a member of a group in verity.auth.admin-groups)",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class OperationsResource {

    /** How many parked outbox rows were set pending again. */
    public record OutboxRedrive(int redriven) {
    }

    private final DeadLetterRedrive deadLetters;
    private final OutboxRelay relay;
    private final OutboxConfig outbox;

    OperationsResource(DeadLetterRedrive deadLetters, OutboxRelay relay, OutboxConfig outbox) {
        this.deadLetters = deadLetters;
        this.relay = relay;
        this.outbox = outbox;
    }

    @GET
    @Path("dead-letters")
    @Operation(operationId = "listDeadLetterChannels", summary = "List the channels that dead-letter",
            description = "The consumer channels of this service with a dead-letter topic, e.g. `card-events`.")
    @APIResponse(responseCode = "200", description = "The channels' names, each the path segment of its re-drive",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = String.class,
                    example = "[\"card-events\"]")))
    public List<String> deadLetterChannels() {
        return deadLetters.channels();
    }

    @POST
    @Path("dead-letters/{channel}/redrive")
    @Operation(operationId = "redriveDeadLetters", summary = "Re-drive a channel's dead-letter topic",
            description = "Puts every event dead-lettered since the last re-drive back on the topic it came from "
                    + "(the `dead-letter-topic` header), without the dead-letter headers. Consumers skip what they "
                    + "already applied, so running it twice is harmless. Reports how many it re-drove.")
    @APIResponse(responseCode = "200", description = "Re-driven",
            content = @Content(schema = @Schema(implementation = DeadLetterRedrive.Report.class)))
    @APIResponse(responseCode = "404", description = "No such channel with a dead-letter topic on this service",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "Kafka unavailable; what was re-driven so far is committed",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public DeadLetterRedrive.Report redriveDeadLetters(@PathParam("channel") String channel) {
        return deadLetters.redrive(channel);
    }

    @POST
    @Path("outbox/redrive")
    @Operation(operationId = "redriveParkedOutboxEvents", summary = "Re-drive parked outbox events",
            description = "Sets every parked outbox row pending again (e.g. after the broker's size limit was raised). "
                    + "Rows Kafka still cannot take are parked again; `/q/health/well` shows how many.")
    @APIResponse(responseCode = "200", description = "Re-driven",
            content = @Content(schema = @Schema(implementation = OutboxRedrive.class)))
    @APIResponse(responseCode = "404", description = "This service publishes no events",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public OutboxRedrive redriveOutbox() {
        if (outbox.source().isEmpty()) {
            throw new ProblemException(404, "not-found", "Not found", "this service publishes no events, so it has "
                    + "no outbox to re-drive");
        }
        return new OutboxRedrive(relay.redriveParked());
    }
}
