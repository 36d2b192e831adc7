package dev.verity.platform.security;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TokenVerificationCheckTest {

    @Test
    void withoutIssuerAndKeyTheServiceRefusesToStartNamingBoth() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> check(Map.of()));
        assertTrue(e.getMessage().contains("mp.jwt.verify.issuer"), e.getMessage());
        assertTrue(e.getMessage().contains("mp.jwt.verify.publickey.location"), e.getMessage());
        assertTrue(e.getMessage().contains("mp.jwt.verify.publickey "), e.getMessage());
    }

    @Test
    void aMissingIssuerAloneIsRefused() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> check(Map.of("mp.jwt.verify.publickey.location", "file:/etc/verity/idp.pem")));
        assertTrue(e.getMessage().contains("mp.jwt.verify.issuer"), e.getMessage());
        assertFalse(e.getMessage().contains("publickey"), e.getMessage());
    }

    @Test
    void aMissingKeyAloneIsRefusedAndABlankValueCountsAsMissing() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> check(Map.of("mp.jwt.verify.issuer", "https://idp.example.com", "mp.jwt.verify.publickey", " ")));
        assertTrue(e.getMessage().contains("mp.jwt.verify.publickey.location"), e.getMessage());
        assertFalse(e.getMessage().contains("mp.jwt.verify.issuer"), e.getMessage());
    }

    @Test
    void issuerWithEitherFormOfTheKeyStarts() {
        assertDoesNotThrow(() -> check(Map.of("mp.jwt.verify.issuer", "https://idp.example.com",
                "mp.jwt.verify.publickey.location", "https://idp.example.com/jwks")));
        assertDoesNotThrow(() -> check(Map.of("mp.jwt.verify.issuer", "https://idp.example.com",
                "mp.jwt.verify.publickey", "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA")));
    }

    private static void check(Map<String, String> config) {
        TokenVerificationCheck.require(key -> Optional.ofNullable(config.get(key)));
    }
}
