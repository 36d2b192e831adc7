package dev.verity.platform.security;

import io.quarkus.security.UnauthorizedException;
import jakarta.enterprise.context.RequestScoped;
import java.util.Set;
import org.eclipse.microprofile.jwt.Claims;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** The person behind the current request, as the verified bearer token says. */
@RequestScoped
public class CurrentUser {

    /** Group that may do everything in the organisation. */
    public static final String ADMIN = "ADMIN";

    private final JsonWebToken jwt;

    CurrentUser(JsonWebToken jwt) {
        this.jwt = jwt;
    }

    /** Stable user id (the token's {@code sub}). */
    public String id() {
        String subject = jwt.getSubject();
        if (subject == null || subject.isBlank()) {
            throw new UnauthorizedException("a bearer token with a subject is required");
        }
        return subject;
    }

    public String displayName() {
        String name = jwt.getClaim(Claims.full_name.name());
        return name == null ? id() : name;
    }

    public Set<String> groups() {
        return jwt.getGroups() == null ? Set.of() : jwt.getGroups();
    }

    public boolean isAdmin() {
        return groups().contains(ADMIN);
    }
}
