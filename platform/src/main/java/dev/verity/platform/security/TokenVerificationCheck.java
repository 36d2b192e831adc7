package dev.verity.platform.security;

import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.eclipse.microprofile.config.Config;

/**
 * Refuses to start a service that could not verify tokens properly. Without a key smallrye-jwt starts anyway and
 * turns every request away with a 401; without an issuer it accepts tokens from any issuer the key signs for. Neither
 * has a default outside the dev and test profiles, so a deployment that forgets one finds out at start, told which
 * keys to set.
 */
@ApplicationScoped
public class TokenVerificationCheck {

    static final String ISSUER = "mp.jwt.verify.issuer";
    static final String PUBLIC_KEY_LOCATION = "mp.jwt.verify.publickey.location";
    static final String PUBLIC_KEY = "mp.jwt.verify.publickey";

    void onStart(@Observes @Priority(1) StartupEvent event, Config config) {
        require(key -> config.getOptionalValue(key, String.class));
    }

    /**
     * @param lookup a configuration value by key; empty when unset or blank
     * @throws IllegalStateException naming every missing key
     */
    static void require(Function<String, Optional<String>> lookup) {
        List<String> missing = new ArrayList<>();
        if (lookup.apply(ISSUER).filter(v -> !v.isBlank()).isEmpty()) {
            missing.add(ISSUER + " (MP_JWT_VERIFY_ISSUER)");
        }
        if (lookup.apply(PUBLIC_KEY_LOCATION).filter(v -> !v.isBlank()).isEmpty()
                && lookup.apply(PUBLIC_KEY).filter(v -> !v.isBlank()).isEmpty()) {
            missing.add(PUBLIC_KEY_LOCATION + " (MP_JWT_VERIFY_PUBLICKEY_LOCATION) or " + PUBLIC_KEY
                    + " (MP_JWT_VERIFY_PUBLICKEY)");
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("bearer tokens cannot be verified: set " + String.join(" and ", missing)
                    + " to the identity provider's issuer and token-signing public key");
        }
    }
}
