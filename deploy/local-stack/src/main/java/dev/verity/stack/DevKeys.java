package dev.verity.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.lang.JoseException;

/**
 * The RS256 key pair that stands in for an identity provider locally: services verify tokens
 * with {@code public.pem} (mp.jwt.verify.publickey.location), tests and the CLI mint them here.
 * Generated once per stack home so every JVM and service agrees on it.
 */
public final class DevKeys {

    public static final String ISSUER = "https://verity.dev/local";
    public static final String KEY_ID = "verity-dev";
    /** The services accept only tokens issued for this audience (platform's mp.jwt.verify.audiences). */
    public static final String AUDIENCE = "verity";
    /** The identity-provider group the local system and the tests configure as verity.auth.admin-groups. */
    public static final String ADMIN_GROUP = "verity-admins";
    /** Lifetime of the tokens `./verity token` and `./verity run` print; the local system accepts tokens this old. */
    public static final Duration DEV_TOKEN_TTL = Duration.ofHours(8);

    static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> WORLD_READABLE = PosixFilePermissions.fromString("rw-r--r--");

    private final Path privateKeyPem;
    private final Path publicKeyPem;
    private final PrivateKey privateKey;

    private DevKeys(Path privateKeyPem, Path publicKeyPem, PrivateKey privateKey) {
        this.privateKeyPem = privateKeyPem;
        this.publicKeyPem = publicKeyPem;
        this.privateKey = privateKey;
    }

    public static DevKeys ensure(Path home) {
        Path dir = home.resolve("keys");
        Path privatePem = dir.resolve("private.pem");
        Path publicPem = dir.resolve("public.pem");
        try {
            Files.createDirectories(dir);
            // The pair must be written together: without the lock two JVMs could each write one half.
            synchronized (DevKeys.class) {
                try (FileChannel channel = FileChannel.open(dir.resolve(".lock"), StandardOpenOption.CREATE,
                        StandardOpenOption.WRITE); FileLock ignored = channel.lock()) {
                    if (!Files.isRegularFile(privatePem) || !Files.isRegularFile(publicPem)) {
                        generate(privatePem, publicPem);
                    }
                }
            }
            return new DevKeys(privatePem, publicPem, readPrivateKey(privatePem));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create or read the dev JWT keys in " + dir, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("invalid dev JWT key in " + dir + "; delete the directory to regenerate", e);
        }
    }

    public Path publicKeyPem() {
        return publicKeyPem;
    }

    public Path privateKeyPem() {
        return privateKeyPem;
    }

    /** A signed access token shaped like the ones the services expect from the real identity provider. */
    public String mintToken(String subject, String name, String email, Set<String> groups, Duration ttl) {
        return token(subject).name(name).email(email).groups(groups).ttl(ttl).sign();
    }

    /**
     * A token to sign, with the claims the identity provider would set (issuer, audience {@value #AUDIENCE}, issued
     * now, one hour to live); change what a test needs changed, e.g. {@code keys.token("eve").audience(null).sign()}.
     */
    public Token token(String subject) {
        return new Token(subject);
    }

    /** Claims of one token; {@link #sign()} signs them with this stack's private key. */
    public final class Token {

        private final String subject;
        private String name;
        private String email;
        private Set<String> groups = Set.of();
        private String audience = AUDIENCE;
        private Instant issuedAt;
        private Duration ttl = Duration.ofHours(1);

        private Token(String subject) {
            this.subject = subject;
            this.name = subject;
            this.email = subject + "@verity.dev";
        }

        public Token name(String name) {
            this.name = name;
            return this;
        }

        public Token email(String email) {
            this.email = email;
            return this;
        }

        public Token groups(Set<String> groups) {
            this.groups = Set.copyOf(groups);
            return this;
        }

        /** The {@code aud} claim; {@code null} leaves it out. */
        public Token audience(String audience) {
            this.audience = audience;
            return this;
        }

        /** The {@code iat} claim; the token expires {@link #ttl} after it. Default: now. */
        public Token issuedAt(Instant issuedAt) {
            this.issuedAt = issuedAt;
            return this;
        }

        public Token ttl(Duration ttl) {
            this.ttl = ttl;
            return this;
        }

        public String sign() {
            JwtClaims claims = new JwtClaims();
            claims.setIssuer(ISSUER);
            if (audience != null) {
                claims.setAudience(audience);
            }
            claims.setSubject(subject);
            claims.setClaim("upn", subject);
            claims.setClaim("preferred_username", subject);
            claims.setClaim("name", name);
            claims.setClaim("email", email);
            claims.setStringListClaim("groups", List.copyOf(new TreeSet<>(groups)));
            NumericDate issued = issuedAt == null ? NumericDate.now() : NumericDate.fromSeconds(issuedAt.getEpochSecond());
            claims.setIssuedAt(issued);
            claims.setExpirationTime(NumericDate.fromSeconds(issued.getValue() + ttl.toSeconds()));
            claims.setGeneratedJwtId();

            JsonWebSignature jws = new JsonWebSignature();
            jws.setPayload(claims.toJson());
            jws.setKey(privateKey);
            jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
            jws.setKeyIdHeaderValue(KEY_ID);
            jws.setHeader("typ", "JWT");
            try {
                return jws.getCompactSerialization();
            } catch (JoseException e) {
                throw new IllegalStateException("cannot sign dev token", e);
            }
        }
    }

    private static void generate(Path privatePem, Path publicPem) throws IOException, GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        // getEncoded() yields PKCS#8 for RSA private keys and X.509 SubjectPublicKeyInfo for public keys,
        // the two formats smallrye-jwt and most tools read.
        writeAtomically(privatePem, pem("PRIVATE KEY", pair.getPrivate().getEncoded()), OWNER_ONLY);
        writeAtomically(publicPem, pem("PUBLIC KEY", pair.getPublic().getEncoded()), WORLD_READABLE);
        // stderr: `StackMain token` output is captured by scripts and must be the bare token.
        System.err.println("[stack] generated dev JWT key pair in " + privatePem.getParent());
    }

    private static void writeAtomically(Path target, String content, Set<PosixFilePermission> permissions)
            throws IOException {
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        // A leftover of an interrupted run may have other permissions; CREATE_NEW below must make a fresh file.
        Files.deleteIfExists(tmp);
        try (SeekableByteChannel out = createNew(tmp, permissions)) {
            ByteBuffer bytes = StandardCharsets.US_ASCII.encode(content);
            while (bytes.hasRemaining()) {
                out.write(bytes);
            }
        }
        if (isPosix(tmp)) {
            // The umask may have narrowed what creation asked for (harmless for the private key, which asks for
            // the least); set it exactly so the public key stays readable.
            Files.setPosixFilePermissions(tmp, permissions);
        }
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * Creates {@code file} with {@code permissions} from the first moment (the umask can only remove bits), so a
     * private key is never readable by anyone else, not even between creating the file and fixing its mode.
     */
    static SeekableByteChannel createNew(Path file, Set<PosixFilePermission> permissions) throws IOException {
        Set<StandardOpenOption> options = EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        if (!isPosix(file)) {
            // Non-POSIX file system: nothing better to do for a dev key.
            return Files.newByteChannel(file, options);
        }
        FileAttribute<Set<PosixFilePermission>> mode = PosixFilePermissions.asFileAttribute(permissions);
        return Files.newByteChannel(file, options, mode);
    }

    private static boolean isPosix(Path file) {
        return file.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    private static String pem(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }

    static byte[] pemBody(String pem) {
        String base64 = pem.replaceAll("-----(BEGIN|END) [A-Z ]+-----", "").replaceAll("\\s", "");
        return Base64.getDecoder().decode(base64);
    }

    private static PrivateKey readPrivateKey(Path pem) throws IOException, GeneralSecurityException {
        byte[] der = pemBody(Files.readString(pem, StandardCharsets.US_ASCII));
        return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
    }
}
