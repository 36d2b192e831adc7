package dev.verity.platform.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import java.lang.reflect.Proxy;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Real RSA-signed tokens through smallrye-jwt's own parser, which counts how often it is asked. */
class VerifiedTokenCacheTest {

    private static final String ISSUER = "https://verity.dev/test";

    private KeyPair keys;
    private final AtomicInteger verifications = new AtomicInteger();
    private JWTParser counting;
    private Instant now;
    private VerifiedTokenCache cache;

    @BeforeEach
    void setUp() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        keys = generator.generateKeyPair();
        DefaultJWTParser real = new DefaultJWTParser(new JWTAuthContextInfo(keys.getPublic(), ISSUER));
        counting = (JWTParser) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] { JWTParser.class },
                (proxy, method, args) -> {
                    verifications.incrementAndGet();
                    try {
                        return method.invoke(real, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        now = Instant.now();
        cache = new VerifiedTokenCache(counting, new Clock() {
            @Override
            public Instant instant() {
                return now;
            }

            @Override
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }
        }, java.util.OptionalLong.of(3600));
    }

    @Test
    void theSameTokenIsVerifiedOnceWhileItIsValid() throws Exception {
        String token = token("alice", Duration.ofHours(1));
        JsonWebToken first = cache.parse(token);
        JsonWebToken again = cache.parse(token);
        cache.parse(token);
        assertEquals("alice", first.getSubject());
        assertSame(first, again);
        assertEquals(1, verifications.get());
        // another token is verified on its own
        assertEquals("bob", cache.parse(token("bob", Duration.ofHours(1))).getSubject());
        assertEquals(2, verifications.get());
    }

    @Test
    void aTokenThatDoesNotVerifyIsRefusedEveryTimeAndNeverRemembered() throws Exception {
        String token = token("alice", Duration.ofHours(1));
        String tampered = token.substring(0, token.length() - 4) + (token.endsWith("AAAA") ? "BBBB" : "AAAA");
        assertThrows(ParseException.class, () -> cache.parse(tampered));
        assertThrows(ParseException.class, () -> cache.parse(tampered));
        assertEquals(2, verifications.get());
        String expired = token("alice", Duration.ofHours(-1));
        assertThrows(ParseException.class, () -> cache.parse(expired));
        assertThrows(ParseException.class, () -> cache.parse(expired));
        assertEquals(4, verifications.get());
    }

    @Test
    void aRememberedTokenIsVerifiedAgainOnceItExpiresOrItsVerificationIsAMinuteOld() throws Exception {
        String shortLived = token("alice", Duration.ofSeconds(30));
        cache.parse(shortLived);
        now = now.plusSeconds(29);
        cache.parse(shortLived);
        assertEquals(1, verifications.get());
        now = now.plusSeconds(2); // past exp: not taken from memory (smallrye-jwt, on the real clock, decides)
        cache.parse(shortLived);
        assertEquals(2, verifications.get());

        String longLived = token("bob", Duration.ofHours(1));
        cache.parse(longLived);
        now = now.plus(VerifiedTokenCache.MAX_AGE).plusSeconds(1);
        cache.parse(longLived);
        assertEquals(4, verifications.get());
    }

    @Test
    void aRememberedTokenIsVerifiedAgainOnceItIsOlderThanTheTokenAgeLimitWhateverItsExpSays() throws Exception {
        String token = token("alice", Duration.ofHours(8)); // issued now, limit 3600 s (mp.jwt.verify.token.age)
        cache.parse(token);
        now = now.plusSeconds(3599);
        cache.parse(token); // more than MAX_AGE later: verified again (and remembered until iat + 3600)
        now = now.plusSeconds(1);
        cache.parse(token);
        assertEquals(3, verifications.get());
    }

    private String token(String subject, Duration lifetime) throws Exception {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(ISSUER);
        claims.setSubject(subject);
        // iat from the cache's clock too, never ahead of the real one (smallrye-jwt checks it against that)
        claims.setIssuedAt(org.jose4j.jwt.NumericDate.fromSeconds(Math.min(now.getEpochSecond(),
                Instant.now().getEpochSecond())));
        // exp from the cache's clock (it starts at the real time: smallrye-jwt checks exp against that)
        claims.setExpirationTime(org.jose4j.jwt.NumericDate.fromSeconds(now.plus(lifetime).getEpochSecond()));
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(keys.getPrivate());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        return jws.getCompactSerialization();
    }
}
