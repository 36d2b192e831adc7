package dev.verity.web;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The local stack's sign-in: mints tokens with the stack's dev key for the demo people. Off unless the key is
 * configured, and never in the prod profile.
 */
@ConfigMapping(prefix = "verity.web.dev-sign-in")
public interface DevSignInConfig {
    /** PEM (PKCS#8) of the local stack's private key, e.g. {@code .verity-stack/keys/private.pem}. */
    Optional<String> privateKeyLocation();

    @WithDefault("https://verity.dev/local")
    String issuer();

    @WithDefault("verity")
    String audience();

    @WithDefault("PT8H")
    Duration tokenTtl();

    /** The identity-provider group that makes an org admin (the services' verity.auth.admin-groups). */
    @WithDefault("verity-admins")
    String adminGroup();
}
