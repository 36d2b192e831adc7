package dev.verity.card.usage;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "LinkRequest", description = "A helpdesk ticket the card answered. Linking the same system and ticket again changes nothing (the url is updated).",
        example = "{\"system\": \"zendesk\", \"ticketId\": \"48213\", \"url\": \"https://acme.zendesk.com/agent/tickets/48213\"}")
public record LinkRequest(
        @NotBlank @Pattern(regexp = "[a-z0-9][a-z0-9-]{0,39}", message = "must be 1-40 lower-case letters, digits or '-', e.g. zendesk")
        @Schema(description = "The helpdesk, lower case", example = "zendesk") String system,

        @NotBlank @Size(max = 100) @Pattern(regexp = "[^\\p{Cntrl}]*", message = "must not contain control characters")
        @Schema(description = "The ticket's id in that helpdesk", example = "48213") String ticketId,

        @NotBlank @Size(max = 2000) @Pattern(regexp = "https?://[^\\s\\p{Cntrl}]+", message = "must be an http or https URL")
        @Schema(description = "Where the ticket is", example = "https://acme.zendesk.com/agent/tickets/48213") String url) {
}
