package dev.verity.platform.security;

import static dev.verity.platform.security.AuthConfigs.config;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TokenGroupsTest {

    @Test
    void byDefaultNoTokenGroupMakesAnAdminOrCountsAsADirectoryGroup() {
        AuthConfig none = config(Map.of());
        assertEquals(Optional.empty(), none.adminGroups());
        assertEquals(Map.of(), none.groupMapping());

        TokenGroups groups = new TokenGroups(none, Set.of("ADMIN", "admin", "support"));
        assertFalse(groups.makeAdmin());
        assertEquals(Set.of(), groups.directoryGroups());
    }

    @Test
    void onlyTheConfiguredAdminGroupsMakeAnAdmin() {
        AuthConfig config = config(Map.of("verity.auth.admin-groups", "verity-admins,it-ops"));
        assertTrue(new TokenGroups(config, Set.of("staff", "it-ops")).makeAdmin());
        assertFalse(new TokenGroups(config, Set.of("ADMIN", "Verity-Admins")).makeAdmin());
        assertFalse(new TokenGroups(config, null).makeAdmin());
    }

    @Test
    void mappedTokenGroupsBecomeDirectoryGroupsAndTheRestAreDropped() {
        AuthConfig config = config(Map.of(
                "verity.auth.group-mapping.\"support-agents@idp.example.com\"", "support",
                "verity.auth.group-mapping.billing", "billing-experts"));
        TokenGroups groups = new TokenGroups(config, Set.of("support-agents@idp.example.com", "billing", "support"));
        assertEquals(Set.of("support", "billing-experts"), groups.directoryGroups());
    }
}
