package dev.verity.platform.security;

import io.quarkus.security.UnauthorizedException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.BadRequestException;
import java.util.Set;
import org.eclipse.microprofile.jwt.Claims;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The person behind the current request, as the verified bearer token says. Which of the token's groups mean
 * anything is decided by {@link AuthConfig}: see {@link #groups()} and {@link #isAdmin()}.
 */
@RequestScoped
public class CurrentUser {

    /**
     * The security role of organisation admins, for {@code @RolesAllowed}. It is granted by {@link TokenRoles} to
     * members of {@link AuthConfig#adminGroups()}; a token group that happens to be called {@code ADMIN} grants
     * nothing.
     */
    public static final String ADMIN = "ADMIN";

    private final JsonWebToken jwt;
    private final AuthConfig config;
    /** A directory user this request acts for without a token (a signed Slack request, see {@link #actFor}). */
    private String verifiedElsewhere;

    CurrentUser(JsonWebToken jwt, AuthConfig config) {
        this.jwt = jwt;
        this.config = config;
    }

    /** Stable user id (the token's {@code sub}). */
    public String id() {
        if (verifiedElsewhere != null) {
            return verifiedElsewhere;
        }
        String subject = jwt.getSubject();
        if (subject == null || subject.isBlank()) {
            throw new UnauthorizedException("a bearer token with a subject is required");
        }
        return subject;
    }

    public String displayName() {
        if (verifiedElsewhere != null) {
            return verifiedElsewhere;
        }
        String name = jwt.getClaim(Claims.full_name.name());
        return name == null ? id() : name;
    }

    /**
     * Directory group ids the token's groups map to through {@code verity.auth.group-mapping}. Token groups that are
     * not mapped are not returned: they are the identity provider's names, not directory groups.
     */
    public Set<String> groups() {
        if (verifiedElsewhere != null) {
            return Set.of();
        }
        return tokenGroups().directoryGroups();
    }

    /** Whether the token carries one of the {@code verity.auth.admin-groups}. */
    public boolean isAdmin() {
        if (verifiedElsewhere != null) {
            return false;
        }
        return tokenGroups().makeAdmin();
    }

    /**
     * Makes this request act for {@code directoryUserId}, who was identified without a bearer token: a request signed
     * by Slack whose Slack user's verified email is theirs (platform {@code slack.SlackPeople}). They get what their
     * directory user's grants give them and nothing a token would add: no token groups, never org admin. Refused when
     * the request already carries a token, so it can never swap one person for another.
     */
    public void actFor(String directoryUserId) {
        if (directoryUserId == null || directoryUserId.isBlank()) {
            throw new IllegalArgumentException("a directory user id is required");
        }
        if (jwt.getSubject() != null) {
            // a client's mistake, not ours: 400 problem, never a 500
            throw new BadRequestException("a request signed by Slack acts for the Slack user it names and must not"
                    + " also carry a bearer token");
        }
        if (verifiedElsewhere != null) {
            throw new IllegalStateException("this request already acts for " + verifiedElsewhere);
        }
        verifiedElsewhere = directoryUserId;
    }

    private TokenGroups tokenGroups() {
        return new TokenGroups(config, jwt.getGroups());
    }
}
