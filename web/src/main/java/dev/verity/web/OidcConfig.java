package dev.verity.web;

import java.net.URI;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Production sign-in: OpenID Connect authorization code with PKCE, run by the browser app itself. */
@ConfigMapping(prefix = "verity.web.oidc")
public interface OidcConfig {
    Optional<URI> issuer();

    Optional<String> clientId();

    @WithDefault("openid profile email")
    String scope();

    /** Extra query parameters some providers need on the authorize request, e.g. {@code audience=verity}. */
    Optional<List<String>> extraQueryParams();
}
