package dev.verity.platform.security;

import static dev.verity.platform.security.AuthConfigs.config;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.security.credential.TokenCredential;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import java.security.Principal;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TokenRolesTest {

    private final TokenRoles roles = new TokenRoles(config(Map.of("verity.auth.admin-groups", "verity-admins")));
    private final Principal alice = () -> "alice";

    @Test
    void aTokenGroupNamedLikeTheAdminRoleIsNotTheAdminRole() {
        SecurityIdentity augmented = roles.withVerityRoles(identity("ADMIN", "support"));
        assertEquals(Set.of(), augmented.getRoles());
    }

    @Test
    void aConfiguredAdminGroupGrantsTheAdminRoleAndNothingElse() {
        SecurityIdentity augmented = roles.withVerityRoles(identity("verity-admins", "support"));
        assertEquals(Set.of(CurrentUser.ADMIN), augmented.getRoles());
    }

    @Test
    void principalCredentialsAndAttributesStay() {
        SecurityIdentity original = identity("verity-admins");
        SecurityIdentity augmented = roles.withVerityRoles(original);
        assertSame(alice, augmented.getPrincipal());
        assertEquals(original.getCredentials(), augmented.getCredentials());
        assertEquals("value", augmented.getAttribute("key"));
        assertTrue(!augmented.isAnonymous());
    }

    private SecurityIdentity identity(String... tokenGroups) {
        return QuarkusSecurityIdentity.builder()
                .setPrincipal(alice)
                .addCredential(new TokenCredential("token", "bearer"))
                .addAttribute("key", "value")
                .addRoles(Set.of(tokenGroups))
                .build();
    }
}
