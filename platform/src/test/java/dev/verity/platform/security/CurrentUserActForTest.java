package dev.verity.platform.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.ws.rs.BadRequestException;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;

/** A request identified without a token (a signed Slack request) acts for one directory user, with nothing more. */
class CurrentUserActForTest {

    private static final AuthConfig CONFIG = AuthConfigs.config(Map.of("verity.auth.admin-groups", "verity-admins",
            "verity.auth.group-mapping.\"idp-support\"", "support"));

    private static JsonWebToken token(String subject, Set<String> groups) {
        return new JsonWebToken() {
            @Override
            public String getName() {
                return subject;
            }

            @Override
            public Set<String> getClaimNames() {
                return Set.of("sub", "groups");
            }

            @Override
            @SuppressWarnings("unchecked")
            public <T> T getClaim(String claim) {
                return (T) switch (claim) {
                    case "sub" -> subject;
                    case "groups" -> groups;
                    default -> null;
                };
            }

            @Override
            public Set<String> getGroups() {
                return groups;
            }
        };
    }

    @Test
    void withoutATokenTheRequestActsForTheVerifiedUserWithNoGroupsAndNeverAsAdmin() {
        CurrentUser user = new CurrentUser(token(null, Set.of()), CONFIG);
        user.actFor("carol");
        assertEquals("carol", user.id());
        assertEquals(Set.of(), user.groups());
        assertFalse(user.isAdmin());
        assertThrows(IllegalStateException.class, () -> user.actFor("mallory"), "one person per request");
    }

    @Test
    void aRequestWithATokenCannotBeSwitchedToSomeoneElse() {
        CurrentUser user = new CurrentUser(token("alice", Set.of("verity-admins", "idp-support")), CONFIG);
        BadRequestException refused = assertThrows(BadRequestException.class, () -> user.actFor("carol"));
        assertEquals(400, refused.getResponse().getStatus(), "the caller's mistake: a 400 problem, never a 500");
        assertEquals("alice", user.id());
        assertTrue(user.isAdmin());
        assertEquals(Set.of("support"), user.groups());
    }
}
