package dev.verity.search.slack;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.platform.slack.SlackApi;
import dev.verity.platform.slack.SlackConfig;
import dev.verity.platform.slack.SlackMessages;
import dev.verity.platform.slack.SlackRequests;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The Slack app's slash command {@code /verity <question>} (deploy/slack/manifest.yaml). It lives here because the
 * search and its read rules are here. Slack waits 3 seconds for an ack: the answer is sent with the ack when it is
 * ready within {@link SlackConfig#answerWithin()}, otherwise the ack says "Searching…" and the answer follows through
 * the command's {@code response_url}. Slack's contract, not a frontend's: left out of the OpenAPI document.
 */
@Path("/slack/commands")
public class SlackCommandsResource {

    private final SlackRequests requests;
    private final SlackAnswers answers;
    private final SlackApi slack;
    private final SlackConfig config;

    SlackCommandsResource(SlackRequests requests, SlackAnswers answers, SlackApi slack, SlackConfig config) {
        this.requests = requests;
        this.answers = answers;
        this.slack = slack;
        this.config = config;
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(hidden = true)
    public Response command(@HeaderParam("X-Slack-Request-Timestamp") String timestamp,
            @HeaderParam("X-Slack-Signature") String signature, byte[] body) {
        requests.verify(timestamp, signature, body);
        Map<String, String> form = SlackRequests.form(body);
        String question = form.getOrDefault("text", "").strip();
        if (question.isEmpty()) {
            return Response.ok(SlackMessages.ephemeral("Ask Verity a question, e.g. `/verity how do refunds work`."))
                    .build();
        }
        if (question.length() > SlackAnswers.MAX_QUESTION) {
            return Response.ok(SlackMessages.ephemeral("That question is longer than " + SlackAnswers.MAX_QUESTION
                    + " characters: ask it in fewer words.")).build();
        }
        String user = form.get("user_id");
        CompletableFuture<ObjectNode> answer = CompletableFuture.supplyAsync(() -> answers.answer(user, question),
                answers.executor());
        try {
            return Response.ok(answer.get(config.answerWithin().toMillis(), TimeUnit.MILLISECONDS)).build();
        } catch (TimeoutException slow) {
            String responseUrl = form.get("response_url");
            answer.thenAccept(message -> slack.later(() -> slack.respond(responseUrl, message)));
            return Response.ok(SlackMessages.ephemeral("Searching Verity for “" + SlackMessages.escape(question)
                    + "”…")).build();
        } catch (ExecutionException e) {
            return Response.ok(SlackMessages.ephemeral("Verity could not search just now. Try again in a minute."))
                    .build();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Response.serverError().build();
        }
    }
}
