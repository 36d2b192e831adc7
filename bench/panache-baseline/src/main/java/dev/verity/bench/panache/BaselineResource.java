package dev.verity.bench.panache;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * {@code POST /cards}: the three rows card-service writes for a new card (card, its first version, its
 * {@code card.created} outbox event with the same JSON payload shape) in one transaction through Panache, and the
 * card as JSON. No token, no access check, no Markdown rendering: the floor a Quarkus + Panache service stands on.
 * Its rows are marked (slug {@code panache-baseline-...}, outbox topic {@code bench.baseline}) for the bench to delete.
 */
@Path("/cards")
public class BaselineResource {

    public record CardRequest(UUID collectionId, String title, String body, List<String> tags) {
    }

    public record CardCreated(UUID id, long version, String title, String slug, Instant createdAt) {
    }

    private final ObjectMapper json;

    BaselineResource(ObjectMapper json) {
        this.json = json;
    }

    @POST
    @Transactional
    public Response create(CardRequest request) throws JsonProcessingException {
        Instant now = Instant.now();
        BaselineCard card = new BaselineCard();
        card.id = UUID.randomUUID();
        card.version = 1;
        card.title = request.title();
        card.body = request.body();
        card.bodyHtml = request.body();
        card.tags = request.tags() == null ? List.of() : request.tags();
        card.status = "PUBLISHED";
        card.authorId = "bench";
        card.ownerId = "bench";
        card.verifierId = "bench";
        card.verificationIntervalDays = 90;
        card.createdAt = now;
        card.createdBy = "bench";
        card.updatedAt = now;
        card.updatedBy = "bench";
        card.collectionId = request.collectionId();
        card.folderIds = List.of();
        card.slug = "panache-baseline-" + card.id;
        card.persist();

        BaselineCardVersion version = new BaselineCardVersion();
        version.cardId = card.id;
        version.version = 1;
        version.change = "CREATED";
        version.title = card.title;
        version.body = card.body;
        version.tags = card.tags;
        version.status = card.status;
        version.authorId = card.authorId;
        version.createdAt = now;
        version.persist();

        Map<String, Object> snapshot = new LinkedHashMap<>();
        snapshot.put("id", card.id);
        snapshot.put("version", card.version);
        snapshot.put("title", card.title);
        snapshot.put("body", card.body);
        snapshot.put("tags", card.tags);
        snapshot.put("status", card.status);
        snapshot.put("authorId", card.authorId);
        snapshot.put("verifierId", card.verifierId);
        snapshot.put("verificationIntervalDays", card.verificationIntervalDays);
        snapshot.put("createdAt", now);
        snapshot.put("updatedAt", now);
        snapshot.put("collectionId", card.collectionId);
        snapshot.put("folderIds", card.folderIds);
        snapshot.put("slug", card.slug);
        snapshot.put("ownerId", card.ownerId);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("cardId", card.id);
        data.put("cardVersion", card.version);
        data.put("actorId", "bench");
        data.put("occurredAt", now);
        data.put("card", snapshot);
        BaselineOutboxEvent event = new BaselineOutboxEvent();
        event.id = UUID.randomUUID();
        event.topic = "bench.baseline";
        event.recordKey = card.id.toString();
        event.type = "card.created";
        event.source = "/card-service";
        event.subject = card.id.toString();
        event.occurredAt = now;
        event.payload = json.writeValueAsString(data);
        event.publishedAt = now;
        event.persist();

        return Response.created(URI.create("/cards/" + card.id))
                .entity(new CardCreated(card.id, card.version, card.title, card.slug, now)).build();
    }
}
