package dev.verity.platform.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.verity.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The door every request from Slack comes through: the app must be on (a signing secret configured: otherwise 404,
 * as if the endpoint did not exist), and the request signed by Slack within {@link SlackConfig#maxRequestAge()}
 * (otherwise 401). Only then is the body read.
 */
@ApplicationScoped
public class SlackRequests {

    private final SlackConfig config;
    private final Clock clock;
    private final ObjectMapper mapper;

    SlackRequests(SlackConfig config, Clock clock, ObjectMapper mapper) {
        this.config = config;
        this.clock = clock;
        this.mapper = mapper;
    }

    /** Whether the Slack app is configured on this service. */
    public boolean on() {
        return config.signingSecret().filter(s -> !s.isBlank()).isPresent();
    }

    /** Refuses the request unless the app is on and Slack signed it recently. */
    public void verify(String timestamp, String signature, byte[] body) {
        if (!on()) {
            throw new ProblemException(404, "not-found", "Not found",
                    "the Slack app is not configured on this service (verity.slack.signing-secret)");
        }
        String problem = SlackSignature.problem(config.signingSecret().get(), timestamp, signature, body,
                clock.instant(), config.maxRequestAge());
        if (problem != null) {
            throw new ProblemException(401, "unauthorized", "Unauthorized", "not a request from Slack: " + problem)
                    .withHeader("WWW-Authenticate", "Slack-Signature");
        }
    }

    /** The fields of a form-encoded body (a slash command, or the {@code payload} of an interaction). */
    public static Map<String, String> form(byte[] body) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String pair : new String(body, StandardCharsets.UTF_8).split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            fields.putIfAbsent(name, value);
        }
        return fields;
    }

    /** The JSON {@code payload} field of an interaction; 400 when it is missing or not JSON. */
    public JsonNode payload(byte[] body) {
        String payload = form(body).get("payload");
        if (payload == null) {
            throw ProblemException.invalidParameter("payload", "is required: Slack's interaction JSON");
        }
        return json(payload);
    }

    /** A JSON body; 400 when it is not JSON. */
    public JsonNode json(String text) {
        try {
            JsonNode node = mapper.readTree(text);
            if (node == null || !node.isObject()) {
                throw ProblemException.badRequest("the Slack payload must be a JSON object");
            }
            return node;
        } catch (IOException e) {
            throw ProblemException.badRequest("the Slack payload is not JSON");
        }
    }
}
