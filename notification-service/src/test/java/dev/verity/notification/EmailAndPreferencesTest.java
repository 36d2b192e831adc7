package dev.verity.notification;

import static dev.verity.notification.Recipients.PATIENCE;
import static dev.verity.notification.Recipients.awaitApplied;
import static dev.verity.notification.Recipients.awaitCount;
import static dev.verity.notification.Recipients.fresh;
import static dev.verity.notification.Recipients.inbox;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.verity.events.UnverifiedReasons;
import dev.verity.events.VerificationEvent;
import dev.verity.events.VerificationEventTypes;
import dev.verity.events.VerificationStatuses;
import dev.verity.notification.digest.DigestRunner;
import dev.verity.notification.email.EmailSender;
import dev.verity.notification.directory.DirectoryService;
import dev.verity.notification.recipients.NotificationService;
import dev.verity.testing.TestClock;
import dev.verity.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Preferences decide the channels; email goes over SMTP to a real server inside the test (GreenMail), written down
 * by the consumer and sent by the scheduled sender; the daily digest goes out once at the user's hour (the test
 * moves the service's clock).
 */
@QuarkusTest
class EmailAndPreferencesTest {

    @Inject
    EntityManager em;

    @Inject
    DigestRunner digests;

    @Inject
    EmailSender sender;

    @AfterEach
    void realTime() {
        TestClock.reset();
    }

    @Test
    void anImmediateEmailPreferenceSendsOnePlainTextAndHtmlEmailLinkingTheCardEvenWhenTheEventIsRedelivered()
            throws Exception {
        String vera = knownUser("vera", "Vera Lind");
        prefer(vera, Map.of("digestHour", 8, "types", Map.of("VERIFICATION_EXPIRED", Map.of("email", "IMMEDIATE"))));
        UUID card = UUID.randomUUID();
        VerificationEvent expired = VerificationFeed.event(card, "Refunds <EU>", vera, UnverifiedReasons.EXPIRED,
                VerificationEvent.SYSTEM_ACTOR, null);
        String eventId = UUID.randomUUID().toString();
        VerificationFeed.publish(VerificationEventTypes.EXPIRED, eventId, expired);
        VerificationFeed.publish(VerificationEventTypes.EXPIRED, eventId, expired);

        MimeMessage email = awaitEmails(vera, 1).get(0);
        assertEquals("“Refunds <EU>” needs verification: it expired", email.getSubject());
        String text = part(email, "text/plain");
        String html = part(email, "text/html");
        assertTrue(text.contains("Its verification lapsed; verify it or fix it."), text);
        assertTrue(text.contains("http://localhost:8081/cards/" + card), text);
        assertTrue(html.contains("href=\"http://localhost:8081/cards/" + card + "\""), html);
        assertTrue(html.contains("Refunds &lt;EU&gt;"), html);
        awaitCount(vera, 1);
        sender.sendDue();
        assertEquals(1, emailsTo(vera).size());
    }

    @Test
    void offMeansNothingOnThatChannelAndTheDefaultsStayForOtherTypes() {
        String vera = knownUser("vera", "Vera Lind");
        prefer(vera, Map.of("types", Map.of("VERIFICATION_REQUESTED", Map.of("inbox", "OFF", "email", "OFF"))));
        given().auth().oauth2(TestTokens.user(vera)).get("/preferences").then().statusCode(200)
                .body("types.VERIFICATION_REQUESTED.inbox", equalTo("OFF"))
                .body("types.VERIFICATION_EXPIRED.inbox", equalTo("IMMEDIATE"))
                .body("types.VERIFICATION_EXPIRED.email", equalTo("OFF"))
                .body("digestHour", equalTo(8))
                .body("timeZone", equalTo("UTC"));
        UUID card = UUID.randomUUID();

        String requested = VerificationFeed.publish(VerificationEventTypes.REQUESTED,
                VerificationFeed.event(card, "Refunds", vera, null, "bob", "please"));
        awaitApplied(em, NotificationService.VERIFICATIONS_CONSUMER, requested);
        VerificationFeed.publish(VerificationEventTypes.EXPIRED, VerificationFeed.event(card, "Refunds", vera,
                UnverifiedReasons.EXPIRED, VerificationEvent.SYSTEM_ACTOR, null));

        awaitCount(vera, 1).body("items[0].type", equalTo("VERIFICATION_EXPIRED"));
        sender.sendDue();
        assertEquals(0, emailsTo(vera).size());
    }

    @Test
    void theDailyDigestListsEveryCardWaitingForTheUserOnceAtTheirHour() throws Exception {
        String vera = knownUser("vera", "Vera Lind");
        String experts = fresh("experts");
        awaitApplied(em, DirectoryService.CONSUMER, DirectoryFeed.group(experts, 1, "Experts", List.of(vera)));
        int hour = Instant.now().atZone(ZoneOffset.UTC).plusHours(2).getHour();
        prefer(vera, Map.of("digestHour", hour, "timeZone", "UTC",
                "types", Map.of("VERIFICATION_EXPIRED", Map.of("email", "DIGEST"))));
        UUID mine = UUID.randomUUID();
        UUID groups = UUID.randomUUID();
        UUID verified = UUID.randomUUID();
        List<String> events = List.of(
                VerificationFeed.publish(VerificationEventTypes.EXPIRED, VerificationFeed.event(mine, "Refunds", vera,
                        UnverifiedReasons.EXPIRED, VerificationEvent.SYSTEM_ACTOR, null)),
                VerificationFeed.publish(VerificationEventTypes.UNVERIFIED, VerificationFeed.event(groups, "Vouchers",
                        experts, UnverifiedReasons.FLAGGED, "bob", "wrong")),
                VerificationFeed.publish(VerificationEventTypes.EXPIRED, VerificationFeed.event(verified, "Shipping",
                        vera, UnverifiedReasons.EXPIRED, VerificationEvent.SYSTEM_ACTOR, null)),
                VerificationFeed.publish(VerificationEventTypes.VERIFIED, new VerificationEvent(verified, 2, "Shipping",
                        CardEventFeed.COLLECTION, vera, VerificationStatuses.VERIFIED, null, null, 90, null, vera,
                        null, VerificationFeed.AT.plusSeconds(60), null)));
        events.forEach(id -> awaitApplied(em, NotificationService.VERIFICATIONS_CONSUMER, id));

        digests.runOnce();
        sender.sendDue();
        assertEquals(0, emailsTo(vera).size(), "not before the hour, and DIGEST sends nothing at once");

        TestClock.jump(Duration.ofHours(2));
        digests.runOnce();
        digests.runOnce();
        MimeMessage digest = awaitEmails(vera, 1).get(0);
        assertEquals("2 cards wait for your verification", digest.getSubject());
        String text = part(digest, "text/plain");
        assertTrue(text.contains("Refunds (expired, due 2026-04-10)"), text);
        assertTrue(text.contains("Vouchers (flagged, due 2026-04-10)"), text);
        assertTrue(text.contains("http://localhost:8081/cards/" + mine), text);
        assertTrue(!text.contains("Shipping"), text);
        assertTrue(part(digest, "text/html").contains("href=\"http://localhost:8081/cards/" + groups + "\""));

        TestClock.jump(Duration.ofHours(1));
        digests.runOnce();
        sender.sendDue();
        assertEquals(1, emailsTo(vera).size(), "one digest a day");
    }

    @Test
    void theDigestAlsoListsCardsNeverVerifiedButNotThoseTheirAuthorVerifiesNorArchivedOnes() throws Exception {
        String vera = knownUser("vera", "Vera Lind");
        String experts = fresh("experts");
        awaitApplied(em, DirectoryService.CONSUMER, DirectoryFeed.group(experts, 1, "Experts", List.of(vera)));
        int hour = Instant.now().atZone(ZoneOffset.UTC).plusHours(2).getHour();
        prefer(vera, Map.of("digestHour", hour, "types", Map.of("VERIFICATION_EXPIRED", Map.of("email", "DIGEST"))));
        UUID brandNew = UUID.randomUUID();
        UUID groupNew = UUID.randomUUID();
        UUID ownCard = UUID.randomUUID();
        UUID archived = UUID.randomUUID();
        UUID expired = UUID.randomUUID();
        List<String> events = List.of(
                // written by alice, verified by vera or her group: verification-service starts them UNVERIFIED (NEW)
                CardEventFeed.created(CardEventFeed.card(brandNew, 1, "Gift cards", vera)),
                CardEventFeed.created(CardEventFeed.card(groupNew, 1, "Loyalty points", experts)),
                // vera wrote it and verifies it: it starts VERIFIED
                CardEventFeed.created(new dev.verity.events.CardSnapshot(ownCard, 1, "Her own", "Body", List.of(),
                        "PUBLISHED", vera, vera, 90, CardEventFeed.CREATED, CardEventFeed.CREATED,
                        CardEventFeed.COLLECTION, List.of(), "card-" + ownCard, vera, null, null)),
                CardEventFeed.created(CardEventFeed.card(archived, 1, "Old promo", vera, "ARCHIVED")));
        events.forEach(id -> awaitApplied(em, NotificationService.CONSUMER, id));
        awaitApplied(em, NotificationService.VERIFICATIONS_CONSUMER, VerificationFeed.publish(
                VerificationEventTypes.EXPIRED, VerificationFeed.event(expired, "Refunds", vera,
                        UnverifiedReasons.EXPIRED, VerificationEvent.SYSTEM_ACTOR, null)));

        TestClock.jump(Duration.ofHours(2));
        digests.runOnce();
        MimeMessage digest = awaitEmails(vera, 1).get(0);
        assertEquals("3 cards wait for your verification", digest.getSubject());
        String text = part(digest, "text/plain");
        assertTrue(text.contains("Gift cards (new, never verified)"), text);
        assertTrue(text.contains("Loyalty points (new, never verified)"), text);
        assertTrue(text.contains("Refunds (expired, due 2026-04-10)"), text);
        assertTrue(text.indexOf("Gift cards") < text.indexOf("Refunds"), "never verified comes first: " + text);
        assertTrue(text.contains("http://localhost:8081/cards/" + brandNew), text);
        assertTrue(!text.contains("Her own") && !text.contains("Old promo"), text);
    }

    @Test
    void badPreferencesAre400ProblemsNamingTheField() {
        String token = TestTokens.user(fresh("vera"));
        assertInvalid(token, Map.of("types", Map.of("NO_SUCH_TYPE", Map.of("email", "OFF"))), "types.NO_SUCH_TYPE");
        assertInvalid(token, Map.of("types", Map.of("MENTIONED", Map.of("inbox", "DIGEST"))), "types.MENTIONED.inbox");
        assertInvalid(token, Map.of("types", Map.of("MENTIONED", Map.of("email", "SOMETIMES"))), "types.MENTIONED.email");
        assertInvalid(token, Map.of("digestHour", 24), "digestHour");
        assertInvalid(token, Map.of("timeZone", "Mars/Olympus"), "timeZone");
        given().get("/preferences").then().statusCode(401);
    }

    private static void assertInvalid(String token, Map<String, Object> body, String field) {
        given().auth().oauth2(token).contentType("application/json").body(body).put("/preferences").then()
                .statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo(field))
                .body("detail", startsWith(field + ": "));
    }

    /** A user the directory knows, with the address {@code <id>@example.com}. */
    private String knownUser(String name, String fullName) {
        String id = fresh(name);
        awaitApplied(em, DirectoryService.CONSUMER, DirectoryFeed.user(id, 1, fullName));
        return id;
    }

    private static void prefer(String user, Map<String, Object> preferences) {
        given().auth().oauth2(TestTokens.user(user)).contentType("application/json").body(preferences)
                .put("/preferences").then().statusCode(200);
    }

    private static List<MimeMessage> awaitEmails(String user, int count) {
        await().atMost(PATIENCE).until(() -> emailsTo(user).size() >= count);
        return emailsTo(user);
    }

    private static List<MimeMessage> emailsTo(String user) {
        return Arrays.stream(GreenMailResource.smtp.getReceivedMessages()).filter(message -> {
            try {
                return Arrays.stream(message.getRecipients(Message.RecipientType.TO))
                        .anyMatch(address -> address.toString().equals(user + "@example.com"));
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    /** The body part of {@code type} (text/plain or text/html), wherever it sits in the multipart tree. */
    private static String part(MimeMessage message, String type) throws Exception {
        String found = find(message.getContent(), type);
        if (found == null) {
            throw new AssertionError("no " + type + " part in " + message.getContentType());
        }
        return found;
    }

    private static String find(Object content, String type) throws Exception {
        if (content instanceof MimeMultipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart part = multipart.getBodyPart(i);
                if (part.isMimeType(type)) {
                    return String.valueOf(part.getContent());
                }
                String nested = find(part.getContent(), type);
                if (nested != null) {
                    return nested;
                }
            }
        }
        return null;
    }
}
