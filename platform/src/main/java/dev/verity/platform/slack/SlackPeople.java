package dev.verity.platform.slack;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Who a Slack user is in Verity: the one directory user whose email is the Slack account's verified email
 * ({@code users.info}). Anything less certain (no such Slack user, a bot, a deactivated account, no email or an
 * unconfirmed one, no directory user or several with that email) identifies nobody, with a message saying why: a
 * person never acts with someone else's rights. The person then has exactly the rights their directory user's
 * grants give them (directly or through directory groups); token-only groups and org-admin standing come from an
 * identity provider's token and do not apply in Slack.
 */
@ApplicationScoped
public class SlackPeople {

    private final SlackApi slack;

    SlackPeople(SlackApi slack) {
        this.slack = slack;
    }

    /** A directory user id, or why there is none (for the person, in Slack). */
    public record Identified(String directoryUserId, String refusal) {

        public boolean known() {
            return directoryUserId != null;
        }

        static Identified as(String id) {
            return new Identified(id, null);
        }

        static Identified refused(String why) {
            return new Identified(null, why);
        }
    }

    /**
     * @param usersWithEmail the directory users with this (lower-cased) email, as this service's read model knows them
     */
    public Identified identify(String slackUserId, Function<String, List<String>> usersWithEmail) {
        if (slackUserId == null || slackUserId.isBlank()) {
            return Identified.refused("Verity could not tell which Slack user sent this.");
        }
        SlackApi.SlackUser user = slack.user(slackUserId).orElse(null);
        if (user == null || user.deleted() || user.bot()) {
            return Identified.refused("Verity does not know this Slack account, so it shows and saves nothing.");
        }
        if (user.email() == null || user.email().isBlank() || !user.emailConfirmed()) {
            return Identified.refused("Your Slack account has no verified email address, so Verity cannot tell who "
                    + "you are. Confirm your email in Slack, then try again.");
        }
        String email = user.email().strip().toLowerCase(Locale.ROOT);
        List<String> matches = usersWithEmail.apply(email);
        if (matches.isEmpty()) {
            return Identified.refused("No Verity user has the email " + email + " of your Slack account. Ask a Verity "
                    + "admin to add you to the directory with that address.");
        }
        if (matches.size() > 1) {
            return Identified.refused("Several Verity users have the email " + email + ", so Verity cannot tell which "
                    + "one you are. Ask a Verity admin to fix the directory.");
        }
        return Identified.as(matches.get(0));
    }
}
