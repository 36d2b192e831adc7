package dev.verity.notification;

import static dev.verity.notification.CardEventFeed.card;
import static dev.verity.notification.Recipients.awaitApplied;
import static dev.verity.notification.Recipients.awaitCount;
import static dev.verity.notification.Recipients.fresh;
import static dev.verity.notification.Recipients.inbox;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import dev.verity.events.UnverifiedReasons;
import dev.verity.events.VerificationEvent;
import dev.verity.events.VerificationEventTypes;
import dev.verity.events.VerificationStatuses;
import dev.verity.notification.directory.DirectoryService;
import dev.verity.notification.recipients.NotificationService;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * verification-service changes a card's verifier on its own ({@code verification.policy-changed}): the new verifier
 * is told they verify the card (each member of a group), never whoever made the change, and once per change whichever
 * of the policy event and the card event of the same change arrives first.
 */
@QuarkusTest
class PolicyChangeTest {

    @Inject
    EntityManager em;

    @Test
    void aPolicyChangeNamingANewVerifierGroupTellsEachMemberButNotTheActorNorTheFormerVerifier() {
        String vera = fresh("vera");
        String experts = fresh("experts");
        String mia = fresh("mia");
        String max = fresh("max");
        awaitApplied(em, DirectoryService.CONSUMER, DirectoryFeed.group(experts, 1, "Billing experts", List.of(mia, max)));
        UUID id = UUID.randomUUID();
        awaitApplied(em, NotificationService.CONSUMER, CardEventFeed.created(card(id, 1, "Refunds", vera)));
        awaitCount(vera, 1);

        awaitApplied(em, NotificationService.VERIFICATIONS_CONSUMER, VerificationFeed.publish(
                VerificationEventTypes.POLICY_CHANGED, policy(id, experts, max)));

        awaitCount(mia, 1)
                .body("items[0].type", equalTo("VERIFICATION_ASSIGNED"))
                .body("items[0].cardId", equalTo(id.toString()))
                .body("items[0].title", equalTo("You verify “Refunds”"))
                .body("items[0].message", equalTo(max + " changed the verification policy of a card: your group"
                        + " Billing experts is now its verifier; it is due for verification every 30 days."));
        inbox(max).body("items", empty());
        inbox(vera).body("items", hasSize(1));
        inbox(experts).body("items", empty());
    }

    @Test
    void theNewVerifierIsToldOnceWhetherThePolicyEventOrTheCardEventOfTheChangeComesFirstAndNotForAScheduleChange() {
        String vera = fresh("vera");
        String olga = fresh("olga");
        String paul = fresh("paul");
        UUID id = UUID.randomUUID();
        awaitApplied(em, NotificationService.CONSUMER, CardEventFeed.created(card(id, 1, "Refunds", vera)));

        // the policy event first, then the card event naming the same verifier: olga hears of it once
        awaitApplied(em, NotificationService.VERIFICATIONS_CONSUMER, VerificationFeed.publish(
                VerificationEventTypes.POLICY_CHANGED, policy(id, olga, "alice")));
        awaitApplied(em, NotificationService.CONSUMER, CardEventFeed.updated(card(id, 2, "Refunds", olga), "alice"));
        // only the schedule changes: nobody new
        awaitApplied(em, NotificationService.VERIFICATIONS_CONSUMER, VerificationFeed.publish(
                VerificationEventTypes.POLICY_CHANGED, policy(id, olga, "alice")));
        // the card event first, then the policy event of the same change: paul hears of it once
        awaitApplied(em, NotificationService.CONSUMER, CardEventFeed.updated(card(id, 3, "Refunds", paul), "alice"));
        awaitApplied(em, NotificationService.VERIFICATIONS_CONSUMER, VerificationFeed.publish(
                VerificationEventTypes.POLICY_CHANGED, policy(id, paul, "alice")));

        inbox(olga).body("items", hasSize(1)).body("items[0].type", equalTo("VERIFICATION_ASSIGNED"));
        inbox(paul).body("items", hasSize(1)).body("items[0].type", equalTo("VERIFICATION_ASSIGNED"));
        inbox(vera).body("items", hasSize(1));
    }

    @Test
    void anEditThatKeepsNamingTheFormerVerifierAfterAPolicyChangeTellsNobody() {
        String vera = fresh("vera");
        String olga = fresh("olga");
        UUID id = UUID.randomUUID();
        awaitApplied(em, NotificationService.CONSUMER, CardEventFeed.created(card(id, 1, "Refunds", vera)));
        // verification-service makes olga the verifier; the card itself still names vera
        awaitApplied(em, NotificationService.VERIFICATIONS_CONSUMER, VerificationFeed.publish(
                VerificationEventTypes.POLICY_CHANGED, policy(id, olga, "alice")));
        awaitApplied(em, NotificationService.CONSUMER, CardEventFeed.updated(card(id, 2, "Refunds (EU)", vera), "bob"));

        inbox(vera).body("items", hasSize(1));
        inbox(olga).body("items", hasSize(1));
    }

    private static VerificationEvent policy(UUID cardId, String verifierId, String actor) {
        return new VerificationEvent(cardId, 2, "Refunds", CardEventFeed.COLLECTION, verifierId,
                VerificationStatuses.UNVERIFIED, UnverifiedReasons.VERIFIER_CHANGED, VerificationFeed.DUE, 30, null,
                actor, null, VerificationFeed.AT, null);
    }
}
