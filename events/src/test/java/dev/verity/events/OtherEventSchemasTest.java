package dev.verity.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.InputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Comment, collection and directory events: records and published schemas describe the same wire format. */
class OtherEventSchemasTest {

    private static final Instant NOW = Instant.parse("2026-11-23T10:15:30Z");

    private final ObjectMapper mapper = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private static JsonSchema schema(String name) throws Exception {
        try (InputStream in = OtherEventSchemasTest.class.getResourceAsStream("/schemas/" + name)) {
            SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in, config);
        }
    }

    private void assertConforms(String schemaName, Object event) throws Exception {
        JsonNode json = mapper.valueToTree(event);
        Set<ValidationMessage> errors = schema(schemaName).validate(json);
        assertTrue(errors.isEmpty(), () -> schemaName + " violations: " + errors);
        assertEquals(event, mapper.treeToValue(json, event.getClass()), "round trip");
    }

    private static CommentEvent comment() {
        CommentSnapshot comment = new CommentSnapshot(UUID.randomUUID(), 1, "bob", "@alice is this still true?",
                List.of("alice"), "OPEN", NOW, NOW);
        return new CommentEvent(UUID.randomUUID(), 4, "Refund policy", UUID.randomUUID(), "bob", NOW, comment,
                List.of("alice"));
    }

    private static AnnouncementEvent announcement(String message, List<String> told) {
        AnnouncementSnapshot announcement = new AnnouncementSnapshot(UUID.randomUUID(), "alice", message,
                List.of("bob"), List.of("support"), 1, 4, 3, 0, NOW, NOW);
        return new AnnouncementEvent(UUID.randomUUID(), 4, "Refund policy", UUID.randomUUID(), "alice", NOW,
                announcement, told);
    }

    private static CollectionEvent collection() {
        UUID id = UUID.randomUUID();
        UUID billing = UUID.randomUUID();
        return new CollectionEvent(id, 2, "alice", NOW, new CollectionEvent.Snapshot(id, 2, "Billing", "Refunds",
                "#1f77b4", "billing-experts", 30, LocalDate.parse("2027-01-31"),
                List.of(new CollectionEvent.AccessGrant("GROUP", "support", "READ_ONLY"),
                        new CollectionEvent.AccessGrant("USER", "alice", "COLLECTION_OWNER")),
                NOW, NOW, List.of(new CollectionEvent.Folder(billing, null, "Billing", 0),
                        new CollectionEvent.Folder(UUID.randomUUID(), billing, "Refunds", 0))));
    }

    @Test
    void commentEventConformsToItsSchema() throws Exception {
        assertConforms("comment-event.schema.json", comment());
    }

    @Test
    void announcementEventsWithAndWithoutAMessageConformToTheirSchema() throws Exception {
        assertConforms("announcement-event.schema.json", announcement("Refunds take 14 days now", List.of("bob", "carol")));
        assertConforms("announcement-event.schema.json", announcement(null, List.of()));
    }

    @Test
    void announcementSchemaRejectsATellingListWithTheSamePersonTwice() throws Exception {
        JsonNode json = mapper.valueToTree(announcement(null, List.of("bob", "bob")));
        assertFalse(schema("announcement-event.schema.json").validate(json).isEmpty());
    }

    @Test
    void collectionEventConformsToItsSchema() throws Exception {
        assertConforms("collection-event.schema.json", collection());
    }

    @Test
    void collectionSchemaRejectsAnUnknownRole() throws Exception {
        ObjectNode json = mapper.valueToTree(collection());
        ((ObjectNode) json.get("collection").get("access").get(0)).put("role", "SUPERUSER");
        assertFalse(schema("collection-event.schema.json").validate(json).isEmpty());
    }

    @Test
    void userAndGroupEventsConformToTheDirectorySchema() throws Exception {
        assertConforms("directory-event.schema.json", new DirectoryEvent("USER", "carol", 1, false, "admin", NOW,
                new DirectoryEvent.User("carol", "Carol Jones", "carol@example.com"), null));
        assertConforms("directory-event.schema.json", new DirectoryEvent("GROUP", "billing-experts", 3, false,
                "admin", NOW, null, new DirectoryEvent.Group("billing-experts", "Billing experts", null,
                        List.of("alice", "carol"))));
    }

    @Test
    void directorySchemaRejectsAnEmptyEmailWhichMeansNone() throws Exception {
        // card-service publishes null for a user without email (an empty one included, which @Email accepts)
        assertFalse(schema("directory-event.schema.json").validate(mapper.valueToTree(new DirectoryEvent("USER",
                "dora", 1, false, "admin", NOW, new DirectoryEvent.User("dora", "Dora", ""), null))).isEmpty());
        assertConforms("directory-event.schema.json", new DirectoryEvent("USER", "dora", 1, false, "admin", NOW,
                new DirectoryEvent.User("dora", "Dora", null), null));
    }

    @Test
    void directorySchemaRejectsAGroupEventWithoutTheGroup() throws Exception {
        ObjectNode json = mapper.valueToTree(new DirectoryEvent("GROUP", "g", 1, false, "admin", NOW,
                new DirectoryEvent.User("g", "G", null), null));
        assertFalse(schema("directory-event.schema.json").validate(json).isEmpty());
    }

    private static VerificationEvent verification(String status, String reason) {
        return new VerificationEvent(UUID.randomUUID(), 3, "Refund policy", UUID.randomUUID(), "billing-experts",
                status, reason, NOW.plusSeconds(86_400 * 30), 30, null, "bob", "the refund window is 14 days now",
                NOW, java.time.Instant.parse("2026-01-10T09:00:00Z"));
    }

    @Test
    void verificationEventsConformToTheirSchema() throws Exception {
        assertConforms("verification-event.schema.json", verification(VerificationStatuses.VERIFIED, null));
        assertConforms("verification-event.schema.json",
                verification(VerificationStatuses.UNVERIFIED, UnverifiedReasons.FLAGGED));
        assertConforms("verification-event.schema.json", new VerificationEvent(UUID.randomUUID(), 1, "Never due",
                null, "alice", VerificationStatuses.UNVERIFIED, UnverifiedReasons.EXPIRED, null, null,
                LocalDate.parse("2027-01-31"), VerificationEvent.SYSTEM_ACTOR, null, NOW, null));
    }

    @Test
    void verificationSchemaRejectsAnUnknownReasonAndAnIntervalOffTheMenu() throws Exception {
        ObjectNode json = mapper.valueToTree(verification(VerificationStatuses.UNVERIFIED, "BORED"));
        assertFalse(schema("verification-event.schema.json").validate(json).isEmpty());
        ObjectNode interval = mapper.valueToTree(verification(VerificationStatuses.VERIFIED, null));
        interval.put("intervalDays", 45);
        assertFalse(schema("verification-event.schema.json").validate(interval).isEmpty());
    }

    @Test
    void usageEventsConformToTheirSchemas() throws Exception {
        assertConforms("usage-reported.schema.json", new CardUsageReported(UUID.randomUUID(), UUID.randomUUID(), NOW,
                30, 12, 5, 2, 1, 3, NOW.minusSeconds(3600)));
        assertConforms("usage-reported.schema.json", new CardUsageReported(UUID.randomUUID(), null, NOW, 30, 0, 0, 0,
                0, 0, null));
        assertConforms("archive-scheduled.schema.json", new ArchiveScheduled(UUID.randomUUID(), 3, "Refund policy",
                UUID.randomUUID(), 90, NOW.minusSeconds(83L * 86_400), NOW.plusSeconds(7L * 86_400),
                List.of(new ArchiveScheduled.Recipient("USER", "alice"),
                        new ArchiveScheduled.Recipient("GROUP", "billing-experts")), NOW));
    }

    @Test
    void archiveScheduledSchemaRejectsASettingOffTheMenuAndNoRecipients() throws Exception {
        ObjectNode json = mapper.valueToTree(new ArchiveScheduled(UUID.randomUUID(), 3, "Refund policy",
                UUID.randomUUID(), 45, NOW, NOW, List.of(new ArchiveScheduled.Recipient("USER", "alice")), NOW));
        assertFalse(schema("archive-scheduled.schema.json").validate(json).isEmpty());
        json.put("afterDays", 90);
        json.putArray("recipients");
        assertFalse(schema("archive-scheduled.schema.json").validate(json).isEmpty());
    }
}
