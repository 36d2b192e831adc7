package dev.verity.notification.webhooks;

import dev.verity.notification.webhooks.DeliveryStatus;
import dev.verity.notification.webhooks.WebhookDelivery;
import dev.verity.notification.webhooks.SubscriptionService;
import dev.verity.platform.http.PageCursor;
import dev.verity.platform.http.QueryParameters;
import dev.verity.platform.problem.Problem;
import dev.verity.platform.problem.ProblemException;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.util.List;
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

/**
 * Webhook subscriptions of integrations (Standard Webhooks): org admins manage all of them, members of an integrator
 * group their own. A subscription receives the chosen event types of every collection, each delivery the CloudEvent
 * in structured JSON, signed with the subscription's secret.
 */
@Path("/webhooks/subscriptions")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Webhooks", description = "Signed webhooks for integrations (Standard Webhooks)")
@SecurityRequirement(name = "bearer")
@APIResponse(responseCode = "403", description = "The caller is neither an org admin nor in an integrator group",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class WebhookSubscriptionResource {

    private final SubscriptionService subscriptions;
    private final Clock clock;

    WebhookSubscriptionResource(SubscriptionService subscriptions, Clock clock) {
        this.subscriptions = subscriptions;
        this.clock = clock;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createWebhookSubscription", summary = "Subscribe a URL to event types",
            description = "Answers the subscription with its signing secret, shown this once. The URL must be https and resolve to public addresses only.")
    @APIResponse(responseCode = "201", description = "Subscribed", headers = @Header(name = "Location"),
            content = @Content(schema = @Schema(implementation = SubscriptionCreated.class)))
    @APIResponse(responseCode = "400", description = "Invalid URL, unknown event type, secret too short...; `errors` names each field",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response create(SubscriptionRequest request) {
        SubscriptionRequest body = required(request);
        SubscriptionService.Created created = subscriptions.create(body.url(), body.eventTypes(), body.active(),
                body.description(), body.secret());
        return Response.status(Response.Status.CREATED)
                .header("Location", "/webhooks/subscriptions/" + created.subscription().id)
                .entity(new SubscriptionCreated(SubscriptionResponse.of(created.subscription(), clock.instant()),
                        created.secret().text()))
                .build();
    }

    @GET
    @Operation(operationId = "listWebhookSubscriptions", summary = "List webhook subscriptions", description = "An admin's: everyone's; an integrator's: their own. Secrets are never shown.")
    @APIResponse(responseCode = "200", description = "The subscriptions, oldest first",
            content = @Content(schema = @Schema(implementation = SubscriptionList.class)))
    public SubscriptionList list() {
        return new SubscriptionList(subscriptions.list().stream()
                .map(s -> SubscriptionResponse.of(s, clock.instant())).toList());
    }

    @GET
    @Path("{id}")
    @Operation(operationId = "getWebhookSubscription", summary = "Read a webhook subscription")
    @APIResponse(responseCode = "200", description = "The subscription",
            content = @Content(schema = @Schema(implementation = SubscriptionResponse.class)))
    @APIResponse(responseCode = "404", description = "No such subscription among the caller's",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public SubscriptionResponse get(@PathParam("id") UUID id) {
        return SubscriptionResponse.of(subscriptions.get(id), clock.instant());
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "replaceWebhookSubscription", summary = "Change a webhook subscription",
            description = "URL, event types, active flag and description, all of them. Switching a disabled subscription on again clears why it was disabled; its waiting deliveries resume.")
    @APIResponse(responseCode = "200", description = "The subscription as changed",
            content = @Content(schema = @Schema(implementation = SubscriptionResponse.class)))
    @APIResponse(responseCode = "400", description = "Invalid URL, unknown event type...; `errors` names each field",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such subscription among the caller's",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public SubscriptionResponse update(@PathParam("id") UUID id, SubscriptionUpdate request) {
        SubscriptionUpdate body = required(request);
        return SubscriptionResponse.of(subscriptions.update(id, body.url(), body.eventTypes(), body.active(),
                body.description()), clock.instant());
    }

    @DELETE
    @Path("{id}")
    @Operation(operationId = "deleteWebhookSubscription", summary = "Delete a webhook subscription", description = "With its delivery log; deliveries not yet made are dropped.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", description = "No such subscription among the caller's",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public void delete(@PathParam("id") UUID id) {
        subscriptions.delete(id);
    }

    @POST
    @Path("{id}/secret/rotate")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "rotateWebhookSecret", summary = "Rotate the signing secret",
            description = "The new secret is shown this once. Until `previousSecretExpiresAt` every delivery carries two signatures (space-separated `v1,` entries in `webhook-signature`): the new secret's and the old one's, so the receiver can switch over without losing a delivery.")
    @APIResponse(responseCode = "200", description = "The new secret",
            content = @Content(schema = @Schema(implementation = SecretRotated.class)))
    @APIResponse(responseCode = "400", description = "Secret malformed or too short, overlap invalid",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such subscription among the caller's",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public SecretRotated rotate(@PathParam("id") UUID id, SecretRotation request) {
        SecretRotation body = request == null ? new SecretRotation(null, null) : request;
        SubscriptionService.Rotated rotated = subscriptions.rotate(id, body.secret(), body.overlap());
        return new SecretRotated(rotated.secret().text(), rotated.previousSecretExpiresAt());
    }

    @GET
    @Path("{id}/deliveries")
    @Operation(operationId = "listWebhookDeliveries", summary = "The subscription's delivery log",
            description = "Newest first: each event's status, attempts, the latest attempt's status code, latency and error, and when the next attempt is due.")
    @APIResponse(responseCode = "200", description = "One page of deliveries",
            content = @Content(schema = @Schema(implementation = DeliveryList.class)))
    @APIResponse(responseCode = "404", description = "No such subscription among the caller's",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public DeliveryList deliveries(@PathParam("id") UUID id,
            @Parameter(description = "Only deliveries in this state", schema = @Schema(type = SchemaType.STRING,
                    enumeration = { "PENDING", "IN_FLIGHT", "DELIVERED", "DEAD" }))
            @QueryParam("status") String status,
            @Parameter(description = "At most this many", schema = @Schema(type = SchemaType.INTEGER, minimum = "1",
                    maximum = "200", defaultValue = "50"))
            @QueryParam("limit") String limit,
            @Parameter(description = "`nextCursor` of the previous page") @QueryParam("cursor") String cursor) {
        int max = QueryParameters.limit(limit, 50, 200);
        List<WebhookDelivery> page = subscriptions.deliveries(id,
                QueryParameters.oneOf("status", status, DeliveryStatus.class), PageCursor.decode(cursor), max + 1);
        boolean more = page.size() > max;
        List<WebhookDelivery> items = more ? page.subList(0, max) : page;
        WebhookDelivery last = items.isEmpty() ? null : items.get(items.size() - 1);
        return new DeliveryList(items.stream().map(DeliveryResponse::of).toList(),
                more ? new PageCursor(last.createdAt, last.id).encode() : null);
    }

    @POST
    @Path("{id}/deliveries/{deliveryId}/redeliver")
    @Operation(operationId = "redeliverWebhook", summary = "Deliver again",
            description = "Starts a delivery over with a fresh retry schedule, whether it was delivered or dead; one waiting for a retry is tried now. Same webhook-id, so a receiver that already has it can tell.")
    @APIResponse(responseCode = "202", description = "Queued; the delivery as it is now",
            content = @Content(schema = @Schema(implementation = DeliveryResponse.class)))
    @APIResponse(responseCode = "404", description = "No such subscription or delivery",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "It is being sent right now",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response redeliver(@PathParam("id") UUID id, @PathParam("deliveryId") UUID deliveryId) {
        return Response.accepted(DeliveryResponse.of(subscriptions.redeliver(id, deliveryId))).build();
    }

    private static <T> T required(T body) {
        if (body == null) {
            throw ProblemException.badRequest("a JSON body is required");
        }
        return body;
    }
}
