package dev.verity.platform.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class SqlTimestampsTest {

    private static final Instant AT = Instant.parse("2026-12-06T14:05:30.123456Z");

    @Test
    void everyShapeATimestamptzColumnComesBackInIsTheSameInstant() {
        assertEquals(AT, SqlTimestamps.instant(AT));
        assertEquals(AT, SqlTimestamps.instant(AT.atOffset(ZoneOffset.ofHours(2))));
        assertEquals(AT, SqlTimestamps.instant(Timestamp.from(AT)));
        assertNull(SqlTimestamps.instant(null));
    }

    @Test
    void aValueThatIsNoTimestampIsRefusedByName() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> SqlTimestamps.instant("yesterday"));
        assertEquals("unexpected timestamp type class java.lang.String", e.getMessage());
    }
}
