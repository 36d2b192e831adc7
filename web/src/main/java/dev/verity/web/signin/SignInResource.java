package dev.verity.web.signin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.lang.JoseException;

import dev.verity.web.DevSignInConfig;
import dev.verity.web.OidcConfig;
import io.quarkus.runtime.configuration.ConfigUtils;

/**
 * How the browser app signs people in. {@code GET /auth/config} tells it which way: the OpenID Connect provider
 * (production) and/or the dev sign-in of the local stack. {@code POST /auth/dev-sign-in} mints a token for one of
 * the demo people with the stack's dev key, exactly as {@code ./verity token} does; it exists only where that key is
 * configured and never in the prod profile.
 */
@Path("/auth")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class SignInResource {

    /** The demo people of {@code ./verity run}, as its printed tokens name them. */
    public record Person(String id, String name, String email, List<String> groups) {
    }

    public record SignInConfig(boolean devSignIn, List<Person> people, OidcSettings oidc) {
    }

    public record OidcSettings(String issuer, String clientId, String scope, Map<String, String> extraQueryParams) {
    }

    public record DevSignInRequest(String user) {
    }

    public record DevToken(String accessToken, Instant expiresAt, Person person) {
    }

    private final DevSignInConfig dev;
    private final OidcConfig oidc;
    private final Optional<PrivateKey> devKey;
    private final List<Person> people;

    public SignInResource(DevSignInConfig dev, OidcConfig oidc) {
        this.dev = dev;
        this.oidc = oidc;
        boolean prod = ConfigUtils.getProfiles().contains("prod");
        this.devKey = prod ? Optional.empty() : dev.privateKeyLocation().map(SignInResource::readKey);
        String admins = dev.adminGroup();
        this.people = List.of(new Person("alice", "Alice Author", "alice@verity.dev", List.of()),
                new Person("bob", "Bob Agent", "bob@verity.dev", List.of()),
                new Person("admin", "Ada Admin", "admin@verity.dev", List.of(admins)));
    }

    @GET
    @Path("/config")
    public SignInConfig signInConfig() {
        OidcSettings settings = oidc.issuer().isPresent() && oidc.clientId().isPresent()
                ? new OidcSettings(oidc.issuer().get().toString(), oidc.clientId().get(), oidc.scope(),
                        extraParams(oidc.extraQueryParams().orElse(List.of())))
                : null;
        return new SignInConfig(devKey.isPresent(), devKey.isPresent() ? people : List.of(), settings);
    }

    @POST
    @Path("/dev-sign-in")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces({ MediaType.APPLICATION_JSON, "application/problem+json" })
    public Response devSignIn(DevSignInRequest request) {
        if (devKey.isEmpty()) {
            return problem(404, "Not Found", "Dev sign-in exists only on the local stack; sign in with your company account");
        }
        String user = request == null ? null : request.user();
        Optional<Person> person = people.stream().filter(p -> p.id().equals(user)).findFirst();
        if (person.isEmpty()) {
            return problem(400, "Bad Request", "Choose alice, bob or admin");
        }
        Instant expires = Instant.now().plus(dev.tokenTtl());
        return Response.ok(new DevToken(sign(person.get(), expires), expires, person.get())).build();
    }

    private String sign(Person person, Instant expires) {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(dev.issuer());
        claims.setAudience(dev.audience());
        claims.setSubject(person.id());
        claims.setClaim("upn", person.id());
        claims.setClaim("preferred_username", person.id());
        claims.setClaim("name", person.name());
        claims.setClaim("email", person.email());
        claims.setStringListClaim("groups", person.groups());
        claims.setIssuedAtToNow();
        claims.setExpirationTime(NumericDate.fromSeconds(expires.getEpochSecond()));
        claims.setGeneratedJwtId();
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(devKey.orElseThrow());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        jws.setKeyIdHeaderValue("verity-dev");
        jws.setHeader("typ", "JWT");
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException("cannot sign a dev token", e);
        }
    }

    private static Response problem(int status, String title, String detail) {
        return Response.status(status).type("application/problem+json")
                .entity(Map.of("type", "about:blank", "title", title, "status", status, "detail", detail)).build();
    }

    private static Map<String, String> extraParams(List<String> pairs) {
        Map<String, String> params = new java.util.LinkedHashMap<>();
        for (String pair : pairs) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                params.put(pair.substring(0, eq), pair.substring(eq + 1));
            }
        }
        return params;
    }

    private static PrivateKey readKey(String location) {
        try {
            String pem = Files.readString(java.nio.file.Path.of(location), StandardCharsets.US_ASCII);
            String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the dev sign-in key " + location, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("invalid dev sign-in key " + location, e);
        }
    }
}
