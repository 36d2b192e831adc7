package dev.verity.card.collections;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "Collection")
public record CollectionResponse(
        UUID id,
        @Schema(description = "Also sent as the ETag", example = "2") long version,
        @Schema(example = "Billing") String name,
        String description,
        @Schema(example = "#1f77b4") String color,
        @Schema(example = "billing-experts") String defaultVerifierId,
        @Schema(example = "30") int defaultVerificationIntervalDays,
        LocalDate defaultVerifyOn,
        @Schema(description = "Whether cards show images from other sites; when false they are links") boolean allowExternalImages,
        @Schema(description = "Cards nobody viewed or edited for this many days are archived (90, 180 or 365); 0 = off", example = "0") int autoArchiveAfterDays,
        List<AccessGrantRequest> access,
        @Schema(description = "Your own role here", example = "AUTHOR") Role yourRole,
        Instant createdAt,
        String createdBy,
        Instant updatedAt,
        String updatedBy) {

    static CollectionResponse of(Collection c, Role yourRole) {
        return new CollectionResponse(c.id, c.version, c.name, c.description, c.color, c.defaultVerifierId,
                c.defaultIntervalDays, c.defaultVerifyOn, c.allowExternalImages, c.autoArchiveAfterDays, c.access.stream().map(AccessGrantRequest::of).toList(),
                yourRole, c.createdAt, c.createdBy, c.updatedAt, c.updatedBy);
    }
}
