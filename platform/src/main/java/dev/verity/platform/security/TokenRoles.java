package dev.verity.platform.security;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Replaces the roles smallrye-jwt copies from the token's {@code groups} claim with the roles Verity grants: only
 * {@link CurrentUser#ADMIN}, and only to members of {@link AuthConfig#adminGroups()}. Left alone, every group name the
 * identity provider emits would be a role, so a group called {@code ADMIN} would pass {@code @RolesAllowed(ADMIN)}.
 */
@ApplicationScoped
public class TokenRoles implements SecurityIdentityAugmentor {

    private final AuthConfig config;

    TokenRoles(AuthConfig config) {
        this.config = config;
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        return Uni.createFrom().item(identity.isAnonymous() ? identity : withVerityRoles(identity));
    }

    SecurityIdentity withVerityRoles(SecurityIdentity identity) {
        QuarkusSecurityIdentity.Builder builder = QuarkusSecurityIdentity.builder()
                .setPrincipal(identity.getPrincipal())
                .addCredentials(identity.getCredentials())
                .addAttributes(identity.getAttributes())
                .addPermissions(identity.getPermissions())
                .addPermissionChecker(identity::checkPermission);
        if (new TokenGroups(config, tokenGroups(identity)).makeAdmin()) {
            builder.addRole(CurrentUser.ADMIN);
        }
        return builder.build();
    }

    private static Set<String> tokenGroups(SecurityIdentity identity) {
        if (identity.getPrincipal() instanceof JsonWebToken jwt && jwt.getGroups() != null) {
            return jwt.getGroups();
        }
        return identity.getRoles();
    }
}
