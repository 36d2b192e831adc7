package dev.verity.card.usage;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "Link", description = "A helpdesk ticket linked to a card")
public record LinkResponse(
        UUID id,
        UUID cardId,
        @Schema(example = "zendesk") String system,
        @Schema(example = "48213") String ticketId,
        @Schema(example = "https://acme.zendesk.com/agent/tickets/48213") String url,
        Instant createdAt,
        @Schema(example = "service-account-zendesk") String createdBy) {

    static LinkResponse of(UsageRepository.Link link) {
        return new LinkResponse(link.id(), link.cardId(), link.system(), link.ticketId(), link.url(), link.createdAt(),
                link.createdBy());
    }

    @Schema(name = "LinkPage")
    public record Page(List<LinkResponse> items, @Schema(description = "Pass back as `cursor`; null on the last page") String nextCursor) {
    }
}
