package dev.verity.platform.security;

import java.util.Set;
import java.util.stream.Collectors;

/** The groups an identity provider put in a token, read through {@link AuthConfig}. */
record TokenGroups(AuthConfig config, Set<String> raw) {

    TokenGroups {
        raw = raw == null ? Set.of() : Set.copyOf(raw);
    }

    /** Whether any of the token's groups is a configured admin group. */
    boolean makeAdmin() {
        Set<String> adminGroups = config.adminGroups().orElse(Set.of());
        return raw.stream().anyMatch(adminGroups::contains);
    }

    /** The directory group ids the token's groups are mapped to; unmapped token groups are dropped. */
    Set<String> directoryGroups() {
        return raw.stream()
                .map(config.groupMapping()::get)
                .filter(id -> id != null && !id.isBlank())
                .collect(Collectors.toUnmodifiableSet());
    }
}
