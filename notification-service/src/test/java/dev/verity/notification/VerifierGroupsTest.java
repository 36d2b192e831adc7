package dev.verity.notification;

import static dev.verity.notification.CardEventFeed.card;
import static dev.verity.notification.Recipients.PATIENCE;
import static dev.verity.notification.Recipients.awaitApplied;
import static dev.verity.notification.Recipients.awaitCount;
import static dev.verity.testing.TestKafka.ensureTopic;
import static dev.verity.notification.Recipients.fresh;
import static dev.verity.notification.Recipients.inbox;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.verity.events.DirectoryEventTypes;
import dev.verity.events.Topics;
import dev.verity.notification.directory.DirectoryService;
import dev.verity.platform.cloudevents.IncomingCloudEvent;
import dev.verity.testing.TestKafka;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * Directory events on the real broker build the local directory, and a card whose verifier is a known group tells
 * each member. A directory event is awaited (inbox row) before the card event that relies on it: the two travel on
 * different topics, so nothing else orders them.
 */
@QuarkusTest
class VerifierGroupsTest {

    private static final String DLQ = "verity.directory.dlq.notification-service";

    @Inject
    EntityManager em;

    @Test
    void aCardVerifiedByAKnownGroupTellsEachMemberAndNotTheGroupId() {
        String experts = fresh("billing-experts");
        String mia = fresh("mia");
        String max = fresh("max");
        applied(DirectoryFeed.group(experts, 1, "Billing experts", List.of(mia, max)));

        CardEventFeed.created(card(UUID.randomUUID(), 1, "Refunds", experts));

        awaitCount(mia, 1)
                .body("items[0].type", equalTo("VERIFICATION_ASSIGNED"))
                .body("items[0].recipientId", equalTo(mia))
                .body("items[0].title", equalTo("You verify “Refunds”"))
                .body("items[0].message", equalTo("alice created a card your group Billing experts is the verifier"
                        + " of; it is due for verification every 90 days."));
        awaitCount(max, 1);
        inbox(experts).body("items", empty());
    }

    @Test
    void anAutoArchiveWarningTellsTheOwnersAndEachMemberOfTheVerifierGroupOnce() {
        String experts = fresh("archive-experts");
        String mia = fresh("mia");
        String owner = fresh("owner");
        applied(DirectoryFeed.group(experts, 1, "Experts", List.of(mia, owner)));
        UUID card = UUID.randomUUID();
        java.time.Instant now = java.time.Instant.parse("2026-12-06T10:00:00Z");
        String eventId = UUID.randomUUID().toString();
        TestKafka.publish(Topics.USAGE, card.toString(), eventId, dev.verity.events.UsageEventTypes.ARCHIVE_SCHEDULED,
                """
                {"cardId": "%s", "cardVersion": 3, "cardTitle": "Old fax numbers", "collectionId": "%s",
                 "afterDays": 90, "idleSince": "2026-09-08T10:00:00Z", "archiveAt": "2026-12-13T10:00:00Z",
                 "occurredAt": "%s", "recipients": [{"principalType": "USER", "principalId": "%s"},
                 {"principalType": "GROUP", "principalId": "%s"}]}""".formatted(card, UUID.randomUUID(), now, owner,
                        experts));

        awaitCount(owner, 1) // the owner is in the verifier group too: told once
                .body("items[0].type", equalTo("CARD_ARCHIVE_SCHEDULED"))
                .body("items[0].cardId", equalTo(card.toString()))
                .body("items[0].title", equalTo("“Old fax numbers” will be archived on 2026-12-13"));
        awaitCount(mia, 1).body("items[0].message", org.hamcrest.Matchers.containsString("Open or edit it"));
        inbox(experts).body("items", empty());
    }

    @Test
    void aGroupsNewerMemberListCountsAndAnOlderVersionArrivingLateIsIgnored() {
        String experts = fresh("experts");
        String mia = fresh("mia");
        String max = fresh("max");
        String olga = fresh("olga");
        applied(DirectoryFeed.group(experts, 2, "Experts", List.of(mia, max)));
        applied(DirectoryFeed.group(experts, 1, "Experts", List.of(olga)));

        CardEventFeed.created(card(UUID.randomUUID(), 1, "Shipping", experts));

        awaitCount(mia, 1);
        awaitCount(max, 1);
        inbox(olga).body("items", empty());
    }

    @Test
    void aRemovedGroupIsForgottenItsIdIsToldAsIsAndItsOlderEventsCannotBringItBack() {
        String experts = fresh("experts");
        String mia = fresh("mia");
        applied(DirectoryFeed.group(experts, 1, "Experts", List.of(mia)));
        applied(DirectoryFeed.groupRemoved(experts, 2, "Experts"));
        // the v1 change once more, under another event id: older than the removal
        applied(DirectoryFeed.group(experts, 1, "Experts", List.of(mia)));

        CardEventFeed.created(card(UUID.randomUUID(), 1, "Vouchers", experts));

        awaitCount(experts, 1).body("items[0].message", equalTo(
                "alice created a card you are the verifier of; it is due for verification every 90 days."));
        inbox(mia).body("items", empty());
    }

    @Test
    void aGroupCreatedAnewAfterItsRemovalCountsThoughItsVersionsStartOver() {
        String experts = fresh("experts");
        String mia = fresh("mia");
        String max = fresh("max");
        applied(DirectoryFeed.group(experts, 1, "Experts", List.of(mia)));
        applied(DirectoryFeed.groupRemoved(experts, 2, "Experts"));
        applied(DirectoryFeed.group(experts, 1, "Experts again", List.of(max), DirectoryFeed.EPOCH.plusSeconds(3600)));

        CardEventFeed.created(card(UUID.randomUUID(), 1, "Returns", experts));

        awaitCount(max, 1).body("items[0].message", equalTo("alice created a card your group Experts again is the"
                + " verifier of; it is due for verification every 90 days."));
        inbox(mia).body("items", empty());
        inbox(experts).body("items", empty());
    }

    @Test
    void aRedeliveredDirectoryEventIdIsAppliedOnceWhateverItCarries() {
        String experts = fresh("experts");
        String mia = fresh("mia");
        String mallory = fresh("mallory");
        String sam = fresh("sam");
        String eventId = applied(DirectoryFeed.group(experts, 1, "Experts", List.of(mia)));
        // the same id claiming v5: were it applied, mallory would be a member and the v2 below ignored as older
        DirectoryFeed.publish(DirectoryEventTypes.GROUP_CHANGED, eventId,
                DirectoryFeed.groupEvent(experts, 5, false, "Experts", List.of(mallory), DirectoryFeed.EPOCH));
        applied(DirectoryFeed.group(experts, 2, "Experts", List.of(sam)));

        CardEventFeed.created(card(UUID.randomUUID(), 1, "Refunds", experts));

        awaitCount(sam, 1);
        inbox(mallory).body("items", empty());
        inbox(mia).body("items", empty());
    }

    @Test
    void aMalformedDirectoryEventGoesToTheDeadLetterTopicAndLaterOnesStillApply() {
        String experts = fresh("experts");
        String mia = fresh("mia");
        ensureTopic(DLQ);
        try (TestKafka.TopicReader dlq = TestKafka.readFromEnd(DLQ)) {
            String bad = UUID.randomUUID().toString();
            // a group change without the group: its members can never be known
            TestKafka.publish(Topics.DIRECTORY, experts, bad, DirectoryEventTypes.GROUP_CHANGED,
                    "{\"principalType\": \"GROUP\", \"principalId\": \"" + experts + "\", \"version\": 1,"
                            + " \"removed\": false, \"actorId\": \"admin\", \"occurredAt\": \"2026-01-01T08:00:00Z\"}");
            applied(DirectoryFeed.group(experts, 1, "Experts", List.of(mia)));

            ConsumerRecord<String, String> parked = dlq.await(r -> experts.equals(r.key()), 1, PATIENCE).get(0);
            assertEquals(bad, IncomingCloudEvent.from(parked).id());
        }
        CardEventFeed.created(card(UUID.randomUUID(), 1, "Refunds", experts));
        awaitCount(mia, 1).body("items", hasSize(1));
    }

    @Test
    void eachChannelHasAConsumerGroupNamedAfterTheCardEventsGroup() {
        // the e2e and bench systems set only the card-events group; the others must follow it
        var config = ConfigProvider.getConfig();
        assertEquals("notification-service-test-directory",
                config.getValue("mp.messaging.incoming.directory-events.group.id", String.class));
        assertEquals("notification-service-test-comments",
                config.getValue("mp.messaging.incoming.comment-events.group.id", String.class));
    }

    private String applied(String eventId) {
        awaitApplied(em, DirectoryService.CONSUMER, eventId);
        return eventId;
    }
}
