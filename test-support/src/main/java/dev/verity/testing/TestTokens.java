package dev.verity.testing;

import dev.verity.stack.DevKeys;
import dev.verity.stack.LocalStack;
import java.time.Duration;
import java.util.Set;

/** Real RS256 tokens, signed with the local stack's dev key, for the users a test acts as. */
public final class TestTokens {

    private TestTokens() {
    }

    public static String user(String id, String... groups) {
        DevKeys keys = DevKeys.ensure(LocalStack.fromEnvironment().endpoints().home());
        return keys.mintToken(id, displayName(id), id + "@example.com", Set.of(groups), Duration.ofHours(1));
    }

    public static String admin(String id) {
        return user(id, "ADMIN");
    }

    /** {@code Authorization} header value. */
    public static String bearer(String id, String... groups) {
        return "Bearer " + user(id, groups);
    }

    private static String displayName(String id) {
        return id.isEmpty() ? id : Character.toUpperCase(id.charAt(0)) + id.substring(1);
    }
}
