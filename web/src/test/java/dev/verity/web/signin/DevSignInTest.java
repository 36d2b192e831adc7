package dev.verity.web.signin;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** With the local stack's key (as ./verity run starts the server) the demo people sign in with a real token. */
@QuarkusTest
@TestProfile(DevSignInTest.WithDevKey.class)
class DevSignInTest {

    @ConfigProperty(name = "verity.web.dev-sign-in.private-key-location")
    String privateKeyLocation;

    public static class WithDevKey implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("verity.web.dev-sign-in.private-key-location", writeKey().toString());
        }
    }

    /** A fresh key pair as the local stack keeps it: private.pem (PKCS#8) and public.pem side by side. */
    static Path writeKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            Path dir = Files.createTempDirectory("dev-keys");
            Path pem = dir.resolve("private.pem");
            Files.writeString(pem, "-----BEGIN PRIVATE KEY-----\n"
                    + Base64.getMimeEncoder().encodeToString(pair.getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n");
            Files.write(dir.resolve("public.der"), pair.getPublic().getEncoded());
            dir.resolve("public.der").toFile().deleteOnExit();
            pem.toFile().deleteOnExit();
            dir.toFile().deleteOnExit();
            return pem;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void theDemoPeopleSignInWithTokensTheServicesAccept() throws Exception {
        given().when().get("/auth/config").then().statusCode(200)
                .body("devSignIn", equalTo(true)).body("people.id", equalTo(List.of("alice", "bob", "admin")));
        String token = given().contentType("application/json").body("{\"user\":\"admin\"}")
                .when().post("/auth/dev-sign-in")
                .then().statusCode(200).body("person.id", equalTo("admin"))
                .extract().path("accessToken");
        PublicKey publicKey = KeyFactory.getInstance("RSA").generatePublic(
                new X509EncodedKeySpec(Files.readAllBytes(Path.of(privateKeyLocation).resolveSibling("public.der"))));
        JwtClaims claims = new JwtConsumerBuilder().setVerificationKey(publicKey).setExpectedIssuer("https://verity.dev/local")
                .setExpectedAudience("verity").setRequireExpirationTime().build().processToClaims(token);
        assertEquals("admin", claims.getSubject());
        assertEquals(List.of("verity-admins"), claims.getStringListClaimValue("groups"));
    }

    @Test
    void nobodyElseSignsIn() {
        given().contentType("application/json").body("{\"user\":\"mallory\"}")
                .when().post("/auth/dev-sign-in")
                .then().statusCode(400).contentType("application/problem+json");
    }
}
