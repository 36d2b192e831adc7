package dev.verity.platform.access;

import dev.verity.platform.security.CurrentUser;
import java.util.List;
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

    /** The token groups as a bind value for {@code IN (...)}: never empty, because {@code IN ()} is not SQL. */
    List<String> tokenGroupsForSql() {
        return tokenGroups.isEmpty() ? List.of("") : List.copyOf(tokenGroups);
    }
}
