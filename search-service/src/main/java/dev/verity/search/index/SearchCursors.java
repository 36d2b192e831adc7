package dev.verity.search.index;

import dev.verity.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import javax.sql.DataSource;

/**
 * Seals and opens {@link SearchCursor}s: AES-GCM under a server key, so a client can neither read the score inside
 * (it would tell whether a word occurs in cards the client may not read) nor forge or alter one (a tampered cursor is
 * a 400 naming {@code cursor}). The key is {@code verity.search.cursor-key} when set, else one generated once and
 * kept in the search database, so every instance (query pods included) and every restart opens what another sealed.
 */
@ApplicationScoped
public class SearchCursors {

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final byte[] CONTEXT = "verity search cursor v1".getBytes(StandardCharsets.UTF_8);

    private final SearchConfig config;
    private final DataSource database;
    private final SecureRandom random = new SecureRandom();
    private volatile SecretKey key;

    SearchCursors(SearchConfig config, DataSource database) {
        this.config = config;
        this.database = database;
    }

    public String seal(SearchCursor cursor) {
        String plain = cursor.score() + "|" + cursor.id() + "|" + cursor.pass().name() + "|"
                + (cursor.searchId() == null ? "" : cursor.searchId());
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key(), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(CONTEXT);
            byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every JDK", e);
        }
    }

    /** The cursor a client sent back, or null when none was given; a 400 naming {@code cursor} when it is not ours. */
    public SearchCursor open(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            byte[] bytes = Base64.getUrlDecoder().decode(raw.strip());
            if (bytes.length < NONCE_BYTES + TAG_BITS / 8) {
                throw new IllegalArgumentException("too short");
            }
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key(), new GCMParameterSpec(TAG_BITS, bytes, 0, NONCE_BYTES));
            cipher.updateAAD(CONTEXT);
            String text = new String(cipher.doFinal(bytes, NONCE_BYTES, bytes.length - NONCE_BYTES),
                    StandardCharsets.UTF_8);
            String[] parts = text.split("\\|", -1);
            if (parts.length != 4 || parts[1].isEmpty()) {
                throw new IllegalArgumentException("not score|id|pass|search");
            }
            double score = Double.parseDouble(parts[0]);
            if (!Double.isFinite(score)) {
                throw new IllegalArgumentException("score");
            }
            return new SearchCursor(score, parts[1], SearchPass.valueOf(parts[2]),
                    parts[3].isEmpty() ? null : Long.valueOf(parts[3]));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            // not base64, not sealed by us (AEADBadTagException), or altered on the way
            throw ProblemException.invalidParameter("cursor",
                    "is not a cursor this API handed out; pass back `nextCursor` from the previous page unchanged");
        }
    }

    private SecretKey key() {
        SecretKey held = key;
        if (held == null) {
            synchronized (this) {
                if (key == null) {
                    byte[] secret = config.cursorKey().filter(k -> !k.isBlank())
                            .map(k -> k.getBytes(StandardCharsets.UTF_8)).orElseGet(this::storedSecret);
                    key = new SecretKeySpec(sha256(secret), "AES");
                }
                held = key;
            }
        }
        return held;
    }

    /** The key kept in the database: the first instance to need it writes it, every other reads that one. */
    private byte[] storedSecret() {
        byte[] fresh = new byte[32];
        random.nextBytes(fresh);
        try (Connection connection = database.getConnection()) {
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO search_secret (name, secret) VALUES ('cursor', ?) ON CONFLICT (name) DO NOTHING")) {
                insert.setBytes(1, fresh);
                insert.executeUpdate();
            }
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT secret FROM search_secret WHERE name = 'cursor'"); ResultSet row = select.executeQuery()) {
                row.next();
                return row.getBytes(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the cursor key from the search database", e);
        }
    }

    private static byte[] sha256(byte[] secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
