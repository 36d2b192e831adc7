package dev.verity.card.slack;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.card.capture.CaptureResource;
import dev.verity.card.capture.CaptureService;
import dev.verity.card.content.ChatMessage;
import dev.verity.platform.problem.Problem;
import dev.verity.platform.problem.ProblemException;
import dev.verity.platform.security.CurrentUser;
import dev.verity.platform.slack.SlackApi;
import dev.verity.platform.slack.SlackConfig;
import dev.verity.platform.slack.SlackMessages;
import dev.verity.platform.slack.SlackPeople;
import dev.verity.platform.slack.SlackRequests;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The Slack app's interactivity URL (deploy/slack/manifest.yaml): the "Save to Verity" message shortcut, the modal's
 * submission, and the "Share" button of the search answers search-service posts. It lives here because the cards,
 * the author rights and the capture path are here. Every request is checked to be Slack's (signature, age) before
 * anything is read, and then runs as the directory user whose email is the Slack user's verified email, with that
 * user's grants only. Slack's contract, not a frontend's: left out of the OpenAPI document.
 */
@Path("/slack/interactions")
public class SlackInteractionsResource {

    static final String SHARE_ACTION = "share_card";

    private final SlackRequests requests;
    private final SlackPeople people;
    private final SlackApi slack;
    private final SlackConfig config;
    private final SlackCaptures captures;
    private final CurrentUser user;
    private final Validator validator;
    private final ObjectMapper mapper;

    SlackInteractionsResource(SlackRequests requests, SlackPeople people, SlackApi slack, SlackConfig config,
            SlackCaptures captures, CurrentUser user, Validator validator, ObjectMapper mapper) {
        this.requests = requests;
        this.people = people;
        this.slack = slack;
        this.config = config;
        this.captures = captures;
        this.user = user;
        this.validator = validator;
        this.mapper = mapper;
    }

    @POST
    @Consumes({MediaType.APPLICATION_FORM_URLENCODED, MediaType.APPLICATION_JSON})
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(hidden = true)
    public Response interact(@HeaderParam("X-Slack-Request-Timestamp") String timestamp,
            @HeaderParam("X-Slack-Signature") String signature, @HeaderParam("Content-Type") String contentType,
            @HeaderParam("X-Slack-Retry-Num") String retry, byte[] body) {
        requests.verify(timestamp, signature, body);
        JsonNode payload = contentType != null && contentType.startsWith(MediaType.APPLICATION_JSON)
                ? requests.json(new String(body, StandardCharsets.UTF_8)) : requests.payload(body);
        try {
            return switch (payload.path("type").asText()) {
                case "url_verification" -> Response.ok(mapper.createObjectNode()
                        .put("challenge", payload.path("challenge").asText())).build();
                // Slack retries what it did not see answered in 3 s. A shortcut's trigger is spent by then, and a
                // Share acted on twice would post the card twice: a retry of either is only acknowledged. A
                // submission is acted on again: its view id makes it create at most one card.
                case "message_action" -> retry != null ? Response.ok().build() : shortcut(payload);
                case "view_submission" -> submission(payload);
                case "block_actions" -> retry != null ? Response.ok().build() : action(payload);
                default -> Response.ok().build();
            };
        } catch (SlackApi.SlackCallFailed e) {
            throw new ProblemException(502, "slack-unavailable", "Slack unavailable", e.getMessage());
        }
    }

    /** "Save to Verity" on a message: the modal, or why there is none. */
    private Response shortcut(JsonNode payload) {
        String responseUrl = payload.path("response_url").asText(null);
        SlackPeople.Identified who = identify(payload);
        if (!who.known()) {
            tell(responseUrl, who.refusal());
            return Response.ok().build();
        }
        user.actFor(who.directoryUserId());
        List<SlackCaptures.Place> places = captures.authorable(who.directoryUserId());
        if (places.isEmpty()) {
            tell(responseUrl, "You may not author in any Verity collection, so there is nowhere to save this message. "
                    + "Ask a collection owner to make you an AUTHOR.");
            return Response.ok().build();
        }
        JsonNode message = payload.path("message");
        String ts = message.path("ts").asText(payload.path("message_ts").asText());
        SaveToVerityModal.Origin origin = new SaveToVerityModal.Origin(payload.path("channel").path("id").asText(null),
                payload.path("channel").path("name").asText(null), ts, message.path("thread_ts").asText(null),
                author(message), permalink(payload, ts));
        slack.openView(payload.path("trigger_id").asText(), SaveToVerityModal.view(origin,
                message.path("text").asText(""), places, mapper.valueToTree(origin)));
        return Response.ok().build();
    }

    /** The modal submitted: one card per view, whatever Slack retries; a refusal is shown in the modal. */
    private Response submission(JsonNode payload) {
        JsonNode view = payload.path("view");
        if (!SaveToVerityModal.CALLBACK_ID.equals(view.path("callback_id").asText())) {
            return Response.ok().build();
        }
        String viewId = view.path("id").asText("");
        if (viewId.isBlank() || viewId.length() > 64) {
            throw ProblemException.badRequest("view.id must be Slack's view id");
        }
        SlackPeople.Identified who = identify(payload);
        if (!who.known()) {
            return errors(Map.of(SaveToVerityModal.COLLECTION, who.refusal()));
        }
        user.actFor(who.directoryUserId());
        SaveToVerityModal.Origin origin = origin(view.path("private_metadata").asText("{}"));
        SaveToVerityModal.Submitted form = SaveToVerityModal.submitted(view);
        UUID collectionId = uuid(form.collectionId());
        if (collectionId == null) {
            return errors(Map.of(SaveToVerityModal.COLLECTION, "Choose a collection."));
        }
        UUID folderId = uuid(form.folderId());
        List<UUID> folderIds = folderId == null ? List.of() : List.of(folderId);
        String title = form.title() == null ? null : form.title().strip();
        CaptureResource.CaptureRequest request = new CaptureResource.CaptureRequest(collectionId, folderIds, title,
                null, new CaptureResource.Message(origin.author(), form.text(), origin.channelName(), origin.ts(),
                        origin.permalink(), List.of()));
        // the same rules as POST /captures: its request's constraints, then the capture path itself
        Map<String, String> invalid = new LinkedHashMap<>();
        for (ConstraintViolation<CaptureResource.CaptureRequest> v : validator.validate(request)) {
            invalid.putIfAbsent(block(v.getPropertyPath().toString()), v.getPropertyPath() + " " + v.getMessage());
        }
        if (!invalid.isEmpty()) {
            return errors(invalid);
        }
        SlackCaptures.Saved saved;
        try {
            saved = captures.save(viewId, new CaptureService.Capture(collectionId, folderIds, title, null,
                    new ChatMessage(origin.author(), form.text(), origin.ts()), List.of(), origin.channelName(),
                    origin.permalink()), who.directoryUserId());
        } catch (ProblemException e) {
            return errors(refusal(e));
        }
        if (saved.created() && origin.channelId() != null) {
            ObjectNode reply = mapper.createObjectNode().put("channel", origin.channelId())
                    .put("thread_ts", origin.threadTs() != null ? origin.threadTs() : origin.ts())
                    .put("unfurl_links", false)
                    .put("text", "<@" + payload.path("user").path("id").asText() + "> saved this thread to Verity: "
                            + SlackMessages.link(cardUrl(saved.cardId()), saved.title())
                            + " (a draft until an author publishes it)");
            slack.later(() -> slack.postMessage(reply));
        }
        return Response.ok().build();
    }

    /** A button: "Share" posts a card the person may read to the channel. */
    private Response action(JsonNode payload) {
        JsonNode action = payload.path("actions").path(0);
        if (!SHARE_ACTION.equals(action.path("action_id").asText())) {
            return Response.ok().build();
        }
        String responseUrl = payload.path("response_url").asText(null);
        SlackPeople.Identified who = identify(payload);
        if (!who.known()) {
            tell(responseUrl, who.refusal());
            return Response.ok().build();
        }
        user.actFor(who.directoryUserId());
        UUID cardId = uuid(action.path("value").asText(null));
        SlackCaptures.Shareable card;
        try {
            card = cardId == null ? null : captures.readable(cardId);
        } catch (ProblemException e) {
            card = null;
        }
        if (card == null) {
            tell(responseUrl, "You cannot read that card in Verity, or it no longer exists, so it was not shared.");
        } else if (!card.published()) {
            tell(responseUrl, "That card is " + card.status().toLowerCase() + " now, so it was not shared.");
        } else {
            ObjectNode shared = mapper.createObjectNode().put("response_type", "in_channel")
                    .put("replace_original", false).put("text", card.title());
            shared.putArray("blocks")
                    .add(SlackMessages.section("*" + SlackMessages.link(cardUrl(card.id()), card.title()) + "*\n"
                            + SlackMessages.escape(card.excerpt())))
                    .add(context("Shared from Verity by <@" + payload.path("user").path("id").asText() + ">"));
            slack.later(() -> slack.respond(responseUrl, shared));
        }
        return Response.ok().build();
    }

    private SlackPeople.Identified identify(JsonNode payload) {
        return people.identify(payload.path("user").path("id").asText(null), captures::usersWithEmail);
    }

    private void tell(String responseUrl, String text) {
        if (responseUrl != null) {
            ObjectNode message = SlackMessages.ephemeral(text).put("replace_original", false);
            slack.later(() -> slack.respond(responseUrl, message));
        }
    }

    private String cardUrl(UUID cardId) {
        return config.webAppUrl().replaceAll("/+$", "") + "/cards/" + cardId;
    }

    private SaveToVerityModal.Origin origin(String metadata) {
        try {
            SaveToVerityModal.Origin origin = mapper.readValue(metadata, SaveToVerityModal.Origin.class);
            if (origin.ts() == null) {
                throw ProblemException.badRequest("view.private_metadata names no message");
            }
            return origin;
        } catch (JsonProcessingException e) {
            throw ProblemException.badRequest("view.private_metadata is not the modal's");
        }
    }

    private static String author(JsonNode message) {
        for (String field : List.of("user", "username", "bot_id")) {
            String value = message.path(field).asText("");
            if (!value.isBlank()) {
                return value.length() > 100 ? value.substring(0, 100) : value;
            }
        }
        return "unknown";
    }

    /** {@code https://<team>.slack.com/archives/<channel>/p<ts without the dot>}, Slack's permalink form. */
    private static String permalink(JsonNode payload, String ts) {
        String domain = payload.path("team").path("domain").asText("");
        String channel = payload.path("channel").path("id").asText("");
        if (!domain.matches("[A-Za-z0-9-]{1,63}") || !channel.matches("[A-Z0-9]{1,30}") || ts == null) {
            return null;
        }
        return "https://" + domain + ".slack.com/archives/" + channel + "/p" + ts.replace(".", "");
    }

    private static UUID uuid(String text) {
        try {
            return text == null ? null : UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The modal's block a capture field's problem belongs to. */
    private static String block(String field) {
        if (field.startsWith("title")) {
            return SaveToVerityModal.TITLE;
        }
        if (field.startsWith("message.text")) {
            return SaveToVerityModal.TEXT;
        }
        if (field.startsWith("folderIds")) {
            return SaveToVerityModal.FOLDER;
        }
        return SaveToVerityModal.COLLECTION;
    }

    /** What the capture path refused, said in the block it concerns. */
    private static Map<String, String> refusal(ProblemException e) {
        if (e.status() == 403 || e.status() == 404) {
            return Map.of(SaveToVerityModal.COLLECTION, "You may not author in this collection"
                    + (e.extensions().get("yourRole") == null ? "" : " (you are " + e.extensions().get("yourRole") + ")")
                    + ", so the card was not saved.");
        }
        Object errors = e.extensions().get("errors");
        if (errors instanceof List<?> list && !list.isEmpty() && list.get(0) instanceof Problem.FieldError error) {
            return Map.of(block(error.field()), error.message());
        }
        return Map.of(SaveToVerityModal.COLLECTION, e.getMessage());
    }

    private Response errors(Map<String, String> errors) {
        ObjectNode answer = mapper.createObjectNode().put("response_action", "errors");
        ObjectNode byBlock = answer.putObject("errors");
        errors.forEach(byBlock::put);
        return Response.ok(answer).build();
    }

    private ObjectNode context(String mrkdwn) {
        ObjectNode block = mapper.createObjectNode().put("type", "context");
        block.putArray("elements").addObject().put("type", "mrkdwn").put("text", mrkdwn);
        return block;
    }
}
