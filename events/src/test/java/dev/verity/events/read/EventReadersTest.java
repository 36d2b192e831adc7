package dev.verity.events.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.verity.events.CardEventTypes;
import dev.verity.events.CollectionEventTypes;
import dev.verity.events.AnnouncementEventTypes;
import dev.verity.events.CommentEventTypes;
import dev.verity.events.DirectoryEventTypes;
import dev.verity.events.VerificationEventTypes;
import org.junit.jupiter.api.Test;

/** The readers every consumer shares: tolerant of fields they do not know, strict on what consumers rely on. */
class EventReadersTest {

    private static final String CARD_ID = "0b5cd0ad-7a5e-4a7a-9d1c-6b0e8f6d2c11";

    private static String card(long eventVersion, long snapshotVersion, String extra) {
        return """
                {"cardId": "%s", "cardVersion": %d, "actorId": "alice", "occurredAt": "2026-11-23T10:15:30Z",
                 %s
                 "card": {"id": "%s", "version": %d, "title": "Refunds", "body": "b", "status": "PUBLISHED",
                          "authorId": "alice", "verifierId": "alice", "verificationIntervalDays": 90,
                          "createdAt": "2026-11-23T10:15:30Z", "updatedAt": "2026-11-23T10:15:30Z"}}"""
                .formatted(CARD_ID, eventVersion, extra, CARD_ID, snapshotVersion);
    }

    @Test
    void aCardEventIsReadWhateverNewFieldsThePublisherAdded() {
        var event = CardEventReader.SNAPSHOTS.read("e1", CardEventTypes.UPDATED,
                card(3, 3, "\"aFieldFromTheFuture\": {\"x\": 1},")).orElseThrow();
        assertEquals(3, event.cardVersion());
        assertEquals("Refunds", event.card().title());
    }

    @Test
    void aCardSnapshotThatContradictsItsEventIsInvalidAndNamesTheEvent() {
        InvalidEventException e = assertThrows(InvalidEventException.class,
                () -> CardEventReader.SNAPSHOTS.read("e2", CardEventTypes.UPDATED, card(3, 2, "")));
        assertTrue(e.getMessage().startsWith("event e2 (dev.verity.card.updated) card.version 2"), e.getMessage());
        assertThrows(InvalidEventException.class,
                () -> CardEventReader.SNAPSHOTS.read("e3", CardEventTypes.CREATED, "{\"cardId\": "));
        assertThrows(InvalidEventException.class, () -> CardEventReader.SNAPSHOTS.read("e4", CardEventTypes.CREATED, ""));
    }

    private static final String COLLECTION_ID = "6d3c8a1e-4b2f-4e0a-9c7d-1f2e3a4b5c6d";

    private static String collection(String folders) {
        return """
                {"collectionId": "%s", "version": 2, "actorId": "alice", "occurredAt": "2026-11-23T10:15:30Z",
                 "collection": {"id": "%s", "version": 2, "name": "Billing", "defaultVerifierId": "alice",
                                "defaultVerificationIntervalDays": 90,
                                "access": [{"principalType": "USER", "principalId": "alice", "role": "COLLECTION_OWNER"}],
                                "createdAt": "2026-11-23T10:15:30Z", "updatedAt": "2026-11-23T10:15:30Z" %s}}"""
                .formatted(COLLECTION_ID, COLLECTION_ID, folders);
    }

    @Test
    void aCollectionEventFromBeforeFoldersTravelledReadsAsAnEmptyTree() {
        var event = CollectionEventReader.CHANGES.read("c1", CollectionEventTypes.CHANGED, collection(""))
                .orElseThrow();
        assertEquals(java.util.List.of(), event.collection().folders());
        var explicitNull = CollectionEventReader.CHANGES.read("c2", CollectionEventTypes.CHANGED,
                collection(", \"folders\": null")).orElseThrow();
        assertEquals(java.util.List.of(), explicitNull.collection().folders());
    }

    @Test
    void aCollectionEventCarriesItsFolderTreeAndAFolderWithoutAnIdIsInvalid() {
        var event = CollectionEventReader.CHANGES.read("c3", CollectionEventTypes.CHANGED, collection("""
                , "folders": [{"id": "0b5cd0ad-7a5e-4a7a-9d1c-6b0e8f6d2c12", "parentId": null, "name": "Billing",
                               "position": 0}]""")).orElseThrow();
        assertEquals("Billing", event.collection().folders().get(0).name());
        assertThrows(InvalidEventException.class, () -> CollectionEventReader.CHANGES.read("c4",
                CollectionEventTypes.CHANGED, collection(", \"folders\": [{\"name\": \"X\", \"position\": 0}]")));
    }

    @Test
    void typesAConsumerDoesNotApplyAreSkippedUnread() {
        assertTrue(CardEventReader.SNAPSHOTS.read("e5", "card.something-new", "not even json").isEmpty());
        assertTrue(CommentEventReader.MENTIONS.read("e6", CommentEventTypes.RESOLVED, "not json").isEmpty());
        assertTrue(DirectoryEventReader.CHANGES.read("e7", "directory.unknown", "not json").isEmpty());
        assertTrue(AnnouncementEventReader.TELLING.read("e7a", AnnouncementEventTypes.ACKNOWLEDGED, "not json")
                .isEmpty());
    }

    @Test
    void anAnnouncementThatTellsSomeoneNeedsItsAnnouncementAndItsToldList() {
        String reminded = """
                {"cardId": "%s", "cardVersion": 2, "cardTitle": "Refunds", "collectionId": "%s",
                 "actorId": "alice", "occurredAt": "2026-11-23T10:15:30Z", "told": ["bob"],
                 "announcement": {"id": "%s", "authorId": "alice", "message": null, "userIds": ["bob"],
                                  "groupIds": [], "round": 1, "announcedVersion": 2, "recipientCount": 1,
                                  "acknowledgedCount": 0, "createdAt": "2026-11-23T10:15:30Z",
                                  "updatedAt": "2026-11-23T10:15:30Z"}}""".formatted(CARD_ID, CARD_ID, CARD_ID);
        assertEquals(java.util.List.of("bob"), AnnouncementEventReader.TELLING.read("a1",
                "announcement.reminded", reminded).orElseThrow().told());
        assertThrows(InvalidEventException.class, () -> AnnouncementEventReader.TELLING.read("a2",
                AnnouncementEventTypes.CREATED, reminded.replace("\"told\": [\"bob\"],", "")));
    }

    @Test
    void aDirectoryRemovalMustSaySoAndAGroupNeedsItsMembers() {
        String removedUser = """
                {"principalType": "USER", "principalId": "bob", "version": 4, "removed": true,
                 "occurredAt": "2026-11-23T10:15:30Z", "user": {"id": "bob", "name": "Bob"}}""";
        var change = DirectoryEventReader.CHANGES.read("e8", DirectoryEventTypes.USER_REMOVED, removedUser)
                .orElseThrow();
        assertTrue(change.removal());
        assertThrows(InvalidEventException.class,
                () -> DirectoryEventReader.CHANGES.read("e9", DirectoryEventTypes.USER_CHANGED, removedUser));
        String groupWithoutMembers = """
                {"principalType": "GROUP", "principalId": "support", "version": 1, "removed": false,
                 "occurredAt": "2026-11-23T10:15:30Z", "group": {"id": "support", "name": "Support"}}""";
        assertThrows(InvalidEventException.class,
                () -> DirectoryEventReader.CHANGES.read("e10", DirectoryEventTypes.GROUP_CHANGED, groupWithoutMembers));
    }

    @Test
    void aVerificationEventNeedsItsCardTitleVerifierAndActorButNotItsOptionalFields() {
        String expired = """
                {"cardId": "%s", "cardVersion": 2, "cardTitle": "Refunds", "verifierId": "support",
                 "status": "UNVERIFIED", "reason": "EXPIRED", "actorId": "system",
                 "occurredAt": "2026-11-23T10:15:30Z", "aFieldFromTheFuture": 1}""".formatted(CARD_ID);
        var event = VerificationEventReader.ALL.read("e11", VerificationEventTypes.EXPIRED, expired).orElseThrow();
        assertEquals("support", event.verifierId());
        assertThrows(InvalidEventException.class, () -> VerificationEventReader.ALL.read("e12",
                VerificationEventTypes.EXPIRED, expired.replace("\"verifierId\": \"support\",", "")));
        assertThrows(InvalidEventException.class, () -> VerificationEventReader.ALL.read("e13",
                VerificationEventTypes.REQUESTED, expired.replace("UNVERIFIED", "MAYBE")));
        assertTrue(VerificationEventReader.ALL.read("e14", "verification.unknown", "not json").isEmpty());
    }

    @Test
    void everyReaderReadsALegacyBareTypeAsItsReverseDnsName() {
        assertEquals(3, CardEventReader.SNAPSHOTS.read("e15", "card.updated", card(3, 3, "")).orElseThrow()
                .cardVersion());
        String removedUser = """
                {"principalType": "USER", "principalId": "bob", "version": 4, "removed": true,
                 "occurredAt": "2026-11-23T10:15:30Z", "user": {"id": "bob", "name": "Bob"}}""";
        assertTrue(DirectoryEventReader.CHANGES.read("e16", "directory.user.removed", removedUser).orElseThrow()
                .removal());
        String expired = """
                {"cardId": "%s", "cardVersion": 2, "cardTitle": "Refunds", "verifierId": "support",
                 "status": "UNVERIFIED", "reason": "EXPIRED", "actorId": "system",
                 "occurredAt": "2026-11-23T10:15:30Z"}""".formatted(CARD_ID);
        assertTrue(VerificationEventReader.ALL.read("e17", "verification.expired", expired).isPresent());
        InvalidEventException e = assertThrows(InvalidEventException.class,
                () -> CardEventReader.SNAPSHOTS.read("e18", "card.created", "{}"));
        assertTrue(e.getMessage().contains("(" + CardEventTypes.CREATED + ")"), "named by its current type: "
                + e.getMessage());
    }
}
