package dev.verity.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.jwt.consumer.JwtContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DevKeysTest {

    @TempDir
    Path home;

    @Test
    void mintedTokenVerifiesWithThePublicPemAndCarriesTheClaims() throws Exception {
        DevKeys keys = DevKeys.ensure(home);
        String token = keys.mintToken("alice", "Alice Example", "alice@example.com",
                Set.of("support-agent", "reviewer"), Duration.ofMinutes(5));

        JwtContext ctx = consumer(readPublicKey(keys.publicKeyPem())).process(token);
        JwtClaims claims = ctx.getJwtClaims();
        assertEquals("alice", claims.getSubject());
        assertEquals("alice", claims.getClaimValueAsString("upn"));
        assertEquals("alice", claims.getClaimValueAsString("preferred_username"));
        assertEquals("Alice Example", claims.getClaimValueAsString("name"));
        assertEquals("alice@example.com", claims.getClaimValueAsString("email"));
        assertEquals(List.of("reviewer", "support-agent"), claims.getStringListClaimValue("groups"));
        assertEquals(List.of(DevKeys.AUDIENCE), claims.getAudience());
        assertEquals(300, claims.getExpirationTime().getValue() - claims.getIssuedAt().getValue());
        assertTrue(claims.getJwtId() != null && !claims.getJwtId().isBlank());
        assertEquals(DevKeys.KEY_ID, ctx.getJoseObjects().get(0).getKeyIdHeaderValue());
    }

    @Test
    void keysAreGeneratedOnceAndReused() throws Exception {
        DevKeys first = DevKeys.ensure(home);
        String pemBefore = Files.readString(first.publicKeyPem());
        DevKeys second = DevKeys.ensure(home);
        assertEquals(pemBefore, Files.readString(second.publicKeyPem()));
        assertEquals(home.resolve("keys/private.pem"), second.privateKeyPem());
        assertTrue(Files.readString(second.privateKeyPem()).startsWith("-----BEGIN PRIVATE KEY-----\n"));
        assertTrue(pemBefore.startsWith("-----BEGIN PUBLIC KEY-----\n"));

        // A token from the first instance verifies with the second's key: one pair per home.
        String token = first.mintToken("bob", "Bob", "bob@example.com", Set.of(), Duration.ofMinutes(1));
        consumer(readPublicKey(second.publicKeyPem())).process(token);
    }

    @Test
    void tokenSignedWithAnotherKeyIsRejected() throws Exception {
        DevKeys keys = DevKeys.ensure(home);
        String token = keys.mintToken("eve", "Eve", "eve@example.com", Set.of("admin"), Duration.ofMinutes(1));
        PublicKey other = KeyPairGenerator.getInstance("RSA").generateKeyPair().getPublic();
        assertThrows(InvalidJwtException.class, () -> consumer(other).process(token));
    }

    @Test
    void aTokenCanBeMintedWithoutAudienceOrIssuedInThePast() throws Exception {
        DevKeys keys = DevKeys.ensure(home);
        Instant twoHoursAgo = Instant.now().minus(Duration.ofHours(2));
        String old = keys.token("carol").issuedAt(twoHoursAgo).ttl(Duration.ofHours(3)).sign();
        JwtClaims claims = consumer(readPublicKey(keys.publicKeyPem())).process(old).getJwtClaims();
        assertEquals(twoHoursAgo.getEpochSecond(), claims.getIssuedAt().getValue());
        assertEquals(twoHoursAgo.getEpochSecond() + 3 * 3600, claims.getExpirationTime().getValue());

        String noAudience = keys.token("carol").audience(null).sign();
        JwtClaims unchecked = new JwtConsumerBuilder().setSkipSignatureVerification().setSkipAllValidators().build()
                .processToClaims(noAudience);
        assertFalse(unchecked.hasAudience());
        assertThrows(InvalidJwtException.class, () -> consumer(readPublicKey(keys.publicKeyPem())).process(noAudience));
    }

    @Test
    void thePrivateKeyIsOwnerOnlyFromTheMomentItsFileExists() throws Exception {
        DevKeys keys = DevKeys.ensure(home);
        assertEquals(PosixFilePermissions.fromString("rw-------"), Files.getPosixFilePermissions(keys.privateKeyPem()));
        assertEquals(PosixFilePermissions.fromString("rw-r--r--"), Files.getPosixFilePermissions(keys.publicKeyPem()));
        assertFalse(Files.exists(keys.privateKeyPem().resolveSibling("private.pem.tmp")));

        // The file the key is written into, inspected before a byte or a chmod reaches it.
        Path fresh = home.resolve("fresh.pem");
        try (SeekableByteChannel ignored = DevKeys.createNew(fresh, DevKeys.OWNER_ONLY)) {
            Set<PosixFilePermission> atCreation = Files.getPosixFilePermissions(fresh);
            assertEquals(PosixFilePermissions.fromString("rw-------"), atCreation);
        }
    }

    private static JwtConsumer consumer(PublicKey key) {
        return new JwtConsumerBuilder()
                .setExpectedAudience(DevKeys.AUDIENCE)
                .setRequireExpirationTime()
                .setRequireIssuedAt()
                .setRequireSubject()
                .setExpectedIssuer(DevKeys.ISSUER)
                .setVerificationKey(key)
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, AlgorithmIdentifiers.RSA_USING_SHA256)
                .build();
    }

    private static PublicKey readPublicKey(Path pem) throws Exception {
        byte[] der = DevKeys.pemBody(Files.readString(pem));
        return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
    }
}
