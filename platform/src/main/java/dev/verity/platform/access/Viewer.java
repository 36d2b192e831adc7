package dev.verity.platform.access;

import dev.verity.platform.security.CurrentUser;
import java.util.Set;

/**
 * Who is looking, as far as access goes: their user id, the directory groups their token carries, and whether they
 * are an org admin (who reads every collection).
 */
public record Viewer(String userId, Set<String> tokenGroups, boolean admin) {

    public Viewer {
        tokenGroups = Set.copyOf(tokenGroups);
    }

    public static Viewer of(CurrentUser user) {
        return new Viewer(user.id(), user.groups(), user.isAdmin());
    }
}
