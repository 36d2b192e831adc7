package dev.verity.platform.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import jakarta.annotation.PreDestroy;
import org.jboss.logging.Logger;

/**
 * The few Slack Web API methods the app calls, with the bot token: {@code users.info}, {@code chat.postMessage},
 * {@code views.open}, and posting to an interaction's {@code response_url}. The base URL is configuration
 * ({@link SlackConfig#apiUrl()}), so tests run it against a local server. The token is sent, never logged: a failure
 * is logged with the method and Slack's error code only.
 */
@ApplicationScoped
public class SlackApi {

    private static final Logger LOG = Logger.getLogger(SlackApi.class);
    private static final String JSON = "application/json; charset=utf-8";

    /** A Slack user as {@code users.info} describes them: what identifying them needs, nothing more. */
    public record SlackUser(String id, String email, boolean emailConfirmed, boolean deleted, boolean bot) {
    }

    /** Slack could not be reached, or answered with an error. */
    public static class SlackCallFailed extends RuntimeException {
        public SlackCallFailed(String message) {
            super(message);
        }
    }

    private final SlackConfig config;
    private final ObjectMapper mapper;
    private final HttpClient http;
    /** Calls made after Slack's request was answered (it waits 3 seconds at most): a few at a time. */
    private final ExecutorService background = Executors.newFixedThreadPool(2, r -> {
        Thread thread = new Thread(r, "slack-calls");
        thread.setDaemon(true);
        return thread;
    });

    SlackApi(SlackConfig config, ObjectMapper mapper) {
        this.config = config;
        this.mapper = mapper;
        this.http = HttpClient.newBuilder().connectTimeout(config.callTimeout()).build();
    }

    /**
     * Runs {@code calls} (Web API calls that need no request context) after the current request is answered; a
     * failure is logged, as nobody is waiting for it.
     */
    public void later(Runnable calls) {
        background.execute(() -> {
            try {
                calls.run();
            } catch (RuntimeException e) {
                LOG.warnf("a Slack call after the answer failed: %s", e.getMessage());
            }
        });
    }

    @PreDestroy
    void stop() {
        background.shutdown();
    }

    /** {@code users.info}: the user, or empty when Slack does not know them. */
    public Optional<SlackUser> user(String slackUserId) {
        HttpRequest request = method("users.info")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("user=" + URLEncoder.encode(slackUserId, StandardCharsets.UTF_8)))
                .build();
        JsonNode answer = send("users.info", request);
        if (!answer.path("ok").asBoolean()) {
            if ("user_not_found".equals(answer.path("error").asText())) {
                return Optional.empty();
            }
            throw failed("users.info", answer);
        }
        JsonNode user = answer.path("user");
        String email = user.path("profile").path("email").asText(null);
        return Optional.of(new SlackUser(user.path("id").asText(slackUserId), email,
                user.path("is_email_confirmed").asBoolean(false), user.path("deleted").asBoolean(false),
                user.path("is_bot").asBoolean(false)));
    }

    /** {@code chat.postMessage}: {@code message} holds {@code channel}, {@code text}, maybe {@code thread_ts} and {@code blocks}. */
    public void postMessage(ObjectNode message) {
        JsonNode answer = send("chat.postMessage", method("chat.postMessage").header("Content-Type", JSON)
                .POST(HttpRequest.BodyPublishers.ofString(message.toString())).build());
        if (!answer.path("ok").asBoolean()) {
            throw failed("chat.postMessage", answer);
        }
    }

    /** {@code views.open}: shows {@code view} (a modal) to whoever's action gave {@code triggerId}. */
    public void openView(String triggerId, ObjectNode view) {
        ObjectNode body = mapper.createObjectNode().put("trigger_id", triggerId);
        body.set("view", view);
        JsonNode answer = send("views.open", method("views.open").header("Content-Type", JSON)
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build());
        if (!answer.path("ok").asBoolean()) {
            throw failed("views.open", answer);
        }
    }

    /**
     * Posts {@code message} to an interaction's {@code response_url} (valid 30 minutes, 5 times). Only a URL under
     * {@link SlackConfig#responseUrlPrefix()} is posted to: anything else is refused.
     */
    public void respond(String responseUrl, ObjectNode message) {
        if (responseUrl == null || !responseUrl.startsWith(config.responseUrlPrefix())) {
            throw new SlackCallFailed("response_url is not under " + config.responseUrlPrefix());
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(responseUrl)).timeout(config.callTimeout())
                .header("Content-Type", JSON).POST(HttpRequest.BodyPublishers.ofString(message.toString())).build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new SlackCallFailed("response_url answered " + response.statusCode());
            }
        } catch (IOException e) {
            throw new SlackCallFailed("response_url unreachable: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SlackCallFailed("interrupted while posting to response_url");
        }
    }

    private HttpRequest.Builder method(String name) {
        String token = config.botToken().orElseThrow(() -> new SlackCallFailed(
                "no bot token configured (verity.slack.bot-token): cannot call " + name));
        return HttpRequest.newBuilder(URI.create(config.apiUrl().replaceAll("/+$", "") + "/" + name))
                .timeout(config.callTimeout()).header("Authorization", "Bearer " + token);
    }

    private JsonNode send(String name, HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new SlackCallFailed(name + " answered HTTP " + response.statusCode());
            }
            return mapper.readTree(response.body());
        } catch (IOException e) {
            throw new SlackCallFailed(name + ": Slack unreachable or its answer unreadable (" + e.getClass().getSimpleName() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SlackCallFailed("interrupted while calling " + name);
        }
    }

    private static SlackCallFailed failed(String name, JsonNode answer) {
        String error = answer.path("error").asText("unknown");
        LOG.warnf("Slack %s failed: %s", name, error);
        return new SlackCallFailed(name + " failed: " + error);
    }
}
