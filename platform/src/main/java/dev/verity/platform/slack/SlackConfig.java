package dev.verity.platform.slack;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/**
 * The Slack app (deploy/slack): off unless a signing secret is configured. The secret and the bot token come from
 * the environment or a Kubernetes Secret ({@code VERITY_SLACK_SIGNING_SECRET}, {@code VERITY_SLACK_BOT_TOKEN}), never
 * from a checked-in file, and are never logged: nothing here has a {@code toString} that shows them.
 */
@ConfigMapping(prefix = "verity.slack")
public interface SlackConfig {

    /** The app's signing secret (Slack: Basic Information → App Credentials). None: the Slack endpoints answer 404. */
    Optional<String> signingSecret();

    /** The bot token ({@code xoxb-...}) for the Web API calls: {@code users.info}, {@code chat.postMessage}, {@code views.open}. */
    Optional<String> botToken();

    /** Base URL of Slack's Web API; tests point it at a local server that records requests. */
    @WithDefault("https://slack.com/api")
    String apiUrl();

    /**
     * The only prefix a {@code response_url} may have: a signed request names it, but it is still a URL this service
     * posts to, so it must be Slack's. Tests point it at their local server.
     */
    @WithDefault("https://hooks.slack.com/")
    String responseUrlPrefix();

    /** The web app's base URL, for links to cards: {@code <web-app-url>/cards/<id>}. */
    @WithDefault("http://127.0.0.1:8080")
    String webAppUrl();

    /** A request whose {@code X-Slack-Request-Timestamp} is further from now than this is refused (replay). */
    @WithDefault("5m")
    Duration maxRequestAge();

    /**
     * How long a slash command waits for its answer before it acks with "Searching…" and posts the answer to
     * {@code response_url} (Slack gives up on an ack after 3 seconds).
     */
    @WithDefault("2s")
    Duration answerWithin();

    /** Timeout of one Web API call. */
    @WithDefault("5s")
    Duration callTimeout();
}
