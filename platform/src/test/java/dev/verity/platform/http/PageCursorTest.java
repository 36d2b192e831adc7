package dev.verity.platform.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.verity.platform.problem.ProblemException;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class PageCursorTest {

    @Test
    void cursorRoundTripsThroughItsOpaqueForm() {
        PageCursor cursor = new PageCursor(Instant.parse("2026-11-23T10:15:30.123456Z"), UUID.randomUUID());
        assertEquals(cursor, PageCursor.decode(cursor.encode()));
    }

    @Test
    void absentCursorMeansFirstPage() {
        assertNull(PageCursor.decode(null));
        assertNull(PageCursor.decode(" "));
    }

    @Test
    void foreignCursorIsA400NamingTheParameter() {
        ProblemException e = assertThrows(ProblemException.class, () -> PageCursor.decode("not-a-cursor"));
        assertEquals(400, e.status());
        assertEquals(true, e.getMessage().startsWith("cursor:"));
    }

    @Test
    void malformedUuidParameterIsA400() {
        ProblemException e = assertThrows(ProblemException.class, () -> QueryParameters.uuid("collectionId", "42"));
        assertEquals(400, e.status());
        assertNull(QueryParameters.uuid("collectionId", ""));
    }
}
