package dev.verity.platform.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.verity.platform.problem.ProblemException;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class VersionTagsTest {

    @Test
    void acceptsStrongWeakAndBareTags() {
        assertEquals(OptionalLong.of(3), VersionTags.expectedVersion("\"3\""));
        assertEquals(OptionalLong.of(3), VersionTags.expectedVersion("W/\"3\""));
        assertEquals(OptionalLong.of(3), VersionTags.expectedVersion("3"));
        assertEquals(OptionalLong.empty(), VersionTags.expectedVersion("*"));
    }

    @Test
    void missingHeaderIs428() {
        assertEquals(428, assertThrows(ProblemException.class, () -> VersionTags.expectedVersion(null)).status());
        assertEquals(428, assertThrows(ProblemException.class, () -> VersionTags.expectedVersion(" ")).status());
    }

    @Test
    void garbageIs400() {
        assertEquals(400, assertThrows(ProblemException.class, () -> VersionTags.expectedVersion("\"abc\"")).status());
        assertEquals(400, assertThrows(ProblemException.class, () -> VersionTags.expectedVersion("\"0\"")).status());
    }

    @Test
    void staleVersionIs412AndCarriesTheCurrentOne() {
        ProblemException e = assertThrows(ProblemException.class,
                () -> VersionTags.requireMatch(OptionalLong.of(2), 5, "card x"));
        assertEquals(412, e.status());
        assertEquals(5L, e.extensions().get("currentVersion"));
        assertTrue(e.getMessage().contains("version 5"));
    }

    @Test
    void wildcardMatchesAnyVersion() {
        VersionTags.requireMatch(OptionalLong.empty(), 9, "card x");
    }
}
