package dev.verity.web;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where the four APIs are, and how people sign in. */
@ConfigMapping(prefix = "verity.web")
public interface WebConfig {

    /** Base URL of each service the browser reaches under {@code /api/<name>/}. */
    Upstreams upstream();

    DevSignIn devSignIn();

    Oidc oidc();

    interface Upstreams {
        @WithDefault("http://127.0.0.1:8081")
        URI cards();

        @WithDefault("http://127.0.0.1:8082")
        URI verification();

        @WithDefault("http://127.0.0.1:8083")
        URI search();

        @WithDefault("http://127.0.0.1:8084")
        URI notifications();
    }

    /**
     * The local stack's sign-in: mints tokens with the stack's dev key for the demo people. Off unless the key is
     * configured, and never in the prod profile.
     */
    interface DevSignIn {
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

    /** Production sign-in: OpenID Connect authorization code with PKCE, run by the browser app itself. */
    interface Oidc {
        Optional<URI> issuer();

        Optional<String> clientId();

        @WithDefault("openid profile email")
        String scope();

        /** Extra query parameters some providers need on the authorize request, e.g. {@code audience=verity}. */
        Optional<List<String>> extraQueryParams();
    }
}
