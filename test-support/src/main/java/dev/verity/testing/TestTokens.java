package dev.verity.testing;

import dev.verity.stack.DevKeys;
import dev.verity.stack.LocalStack;
import java.time.Duration;
import java.util.Set;

/** Real RS256 tokens, signed with the local stack's dev key, for the users a test acts as. */
public final class TestTokens {

    /** The identity-provider group the services' test profile configures as {@code verity.auth.admin-groups}. */
    public static final String ADMIN_GROUP = DevKeys.ADMIN_GROUP;

    private TestTokens() {
    }

    public static String user(String id, String... groups) {
        return token(id).groups(Set.of(groups)).sign();
    }

    public static String admin(String id) {
        return user(id, ADMIN_GROUP);
    }

    /** A valid token for {@code id} (one hour, audience verity, no groups) to change before signing. */
    public static DevKeys.Token token(String id) {
        DevKeys keys = DevKeys.ensure(LocalStack.fromEnvironment().endpoints().home());
        return keys.token(id).name(displayName(id)).email(id + "@example.com").ttl(Duration.ofHours(1));
    }

    /** {@code Authorization} header value. */
    public static String bearer(String id, String... groups) {
        return "Bearer " + user(id, groups);
    }

    private static String displayName(String id) {
        return id.isEmpty() ? id : Character.toUpperCase(id.charAt(0)) + id.substring(1);
    }
}
