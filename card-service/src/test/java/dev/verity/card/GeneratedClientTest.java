package dev.verity.card;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.verity.client.card.ApiClient;
import dev.verity.client.card.ApiException;
import dev.verity.client.card.api.CardsApi;
import dev.verity.client.card.api.CollectionsApi;
import dev.verity.client.card.model.Card;
import dev.verity.client.card.model.CardList;
import dev.verity.client.card.model.CardRequest;
import dev.verity.client.card.model.Collection;
import dev.verity.client.card.model.CollectionRequest;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A frontend's view: the Java client the build generates from docs/openapi/card-service.yaml (see the
 * openapi-generator plugin in this module's pom) drives the running service. If the document stops describing
 * what the service does, this fails.
 */
@QuarkusTest
class GeneratedClientTest {

    @TestHTTPResource("/")
    URI base;

    private ApiClient client(String user) {
        ApiClient client = new ApiClient();
        client.updateBaseUri(base.toString().replaceFirst("/$", ""));
        String token = Fixtures.token(user);
        client.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + token));
        return client;
    }

    @Test
    void aCardCreatedThroughTheGeneratedClientIsReadAndListedThroughIt() throws Exception {
        ApiClient alice = client("alice");
        Collection collection = new CollectionsApi(alice)
                .createCollection(new CollectionRequest().name(Fixtures.unique("Generated client")));
        CardsApi cards = new CardsApi(alice);
        Card created = cards.createCard(new CardRequest().collectionId(collection.getId())
                .title("How do I issue a refund?").body("Open the order, choose **Refund**.").tags(List.of("billing")));
        assertEquals(1L, created.getVersion());

        Card read = cards.getCard(created.getId());
        assertEquals("How do I issue a refund?", read.getTitle());
        assertTrue(read.getBodyHtml().contains("<strong>Refund</strong>"), read.getBodyHtml());

        CardList listed = cards.listCards(collection.getId().toString(), null, null, null, null, null, null, null);
        assertEquals(List.of(created.getId()), listed.getItems().stream().map(c -> c.getId()).toList());
    }

    @Test
    void anErrorReachesTheGeneratedClientAsProblemJson() {
        CardsApi cards = new CardsApi(client("alice"));
        ApiException missing = assertThrows(ApiException.class, () -> cards.getCard(UUID.randomUUID()));
        assertEquals(404, missing.getCode());
        assertEquals("application/problem+json",
                missing.getResponseHeaders().firstValue("Content-Type").orElse(""));
        assertTrue(missing.getResponseBody().contains("\"status\":404"), missing.getResponseBody());
    }
}
