package dev.verity.platform.security;

import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.SecretKey;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The bearer-token parser smallrye-jwt's authentication uses, remembering tokens it has verified: a client sends the
 * same token with every request until it expires, and checking its RSA signature and parsing its claims again each
 * time was about a tenth of card-service's CPU per {@code POST /cards} (issue 27 profile). A token is taken from memory
 * only if exactly the same string was verified less than {@link #MAX_AGE} ago and it has not expired since (checked
 * against {@code exp} and {@code iat} + {@code mp.jwt.verify.token.age} on every use, with no clock-skew grace);
 * anything else (a new token, a changed one, one without
 * {@code exp}) is verified in full by smallrye-jwt's own parser. So the cache never accepts a token the parser
 * refused, and a token stops being accepted when it expires, as before. {@link #MAX_ENTRIES} bounds the memory.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class VerifiedTokenCache implements JWTParser {

    /** How long one verification is reused at most (also bounds how long a token outlives a key rotation). */
    static final Duration MAX_AGE = Duration.ofMinutes(1);
    /** Tokens remembered at once; beyond, the oldest verifications are dropped wholesale. */
    static final int MAX_ENTRIES = 10_000;
    /** Longer tokens are verified every time (they would make the cache's memory unbounded). */
    static final int MAX_TOKEN_CHARS = 8_192;

    private record Verified(JsonWebToken token, long usableUntilMillis) {
    }

    private final JWTParser parser;
    private final Clock clock;
    /** {@code mp.jwt.verify.token.age}: a token is refused this long after its {@code iat}, whatever its exp says. */
    private final java.util.OptionalLong maxTokenAgeSeconds;
    private final Map<String, Verified> verified = new ConcurrentHashMap<>();

    @Inject
    VerifiedTokenCache(DefaultJWTParser parser,
            @org.eclipse.microprofile.config.inject.ConfigProperty(name = "mp.jwt.verify.token.age")
            java.util.Optional<Long> maxTokenAgeSeconds) {
        this(parser, Clock.systemUTC(), maxTokenAgeSeconds.map(java.util.OptionalLong::of)
                .orElse(java.util.OptionalLong.empty()));
    }

    VerifiedTokenCache(JWTParser parser, Clock clock, java.util.OptionalLong maxTokenAgeSeconds) {
        this.parser = parser;
        this.clock = clock;
        this.maxTokenAgeSeconds = maxTokenAgeSeconds;
    }

    @Override
    public JsonWebToken parse(String token) throws ParseException {
        long now = clock.millis();
        Verified known = verified.get(token);
        if (known != null && now < known.usableUntilMillis()) {
            return known.token();
        }
        JsonWebToken jwt = parser.parse(token); // throws for a token that does not verify: nothing remembered
        long until = Math.min(jwt.getExpirationTime() * 1000, now + MAX_AGE.toMillis());
        if (maxTokenAgeSeconds.isPresent()) {
            until = jwt.getIssuedAtTime() > 0 ? Math.min(until, (jwt.getIssuedAtTime() + maxTokenAgeSeconds.getAsLong()) * 1000)
                    : 0; // no iat to count the age from: verified every time
        }
        if (jwt.getExpirationTime() > 0 && until > now && token.length() <= MAX_TOKEN_CHARS) {
            if (verified.size() >= MAX_ENTRIES) {
                verified.clear();
            }
            verified.put(token, new Verified(jwt, until));
        }
        return jwt;
    }

    @Override
    public JsonWebToken parse(String token, JWTAuthContextInfo context) throws ParseException {
        return parser.parse(token, context);
    }

    @Override
    public JsonWebToken verify(String token, PublicKey key) throws ParseException {
        return parser.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, SecretKey key) throws ParseException {
        return parser.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, String secret) throws ParseException {
        return parser.verify(token, secret);
    }

    @Override
    public JsonWebToken decrypt(String token, PrivateKey key) throws ParseException {
        return parser.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, SecretKey key) throws ParseException {
        return parser.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, String secret) throws ParseException {
        return parser.decrypt(token, secret);
    }

    @Override
    public JsonWebToken parseOnly(String token) throws ParseException {
        return parser.parseOnly(token);
    }
}
