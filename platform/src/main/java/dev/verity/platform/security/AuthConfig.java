package dev.verity.platform.security;

import io.smallrye.config.ConfigMapping;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the groups in a bearer token mean to Verity. The token's {@code groups} claim is the identity provider's
 * vocabulary, not ours: a group counts only if it is named here, so nobody gains anything by getting a group of a
 * convenient name created at the identity provider, and removing someone from a directory group is not undone by a
 * token group of the same name.
 *
 * <pre>
 * verity.auth.admin-groups=verity-admins,it-ops
 * verity.auth.group-mapping."support-agents@idp"=support
 * </pre>
 */
@ConfigMapping(prefix = "verity.auth")
public interface AuthConfig {

    /**
     * Identity-provider groups whose members are organisation admins (owner of every collection, the only ones who
     * change the directory and delete cards and collections). Compared exactly with the token's {@code groups}.
     * Default: none (empty), so nobody is an admin until a deployment names its admin group
     * ({@code VERITY_AUTH_ADMIN_GROUPS}). Optional because SmallRye Config has no empty default for a collection.
     */
    Optional<Set<String>> adminGroups();

    /**
     * Identity-provider group name → directory group id. A token group listed here counts as membership of that
     * directory group (for collection grants); a token group not listed here counts for nothing. Default: empty, so
     * only the directory's own memberships count.
     */
    Map<String, String> groupMapping();
}
