package dev.verity.verification.rest;

import dev.verity.verification.domain.VerificationRecord;
import dev.verity.verification.domain.VerificationStatus;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "Verification", description = "Who keeps a card true, how often, and when it is next due")
public record VerificationResponse(
        @Schema(example = "0b6f4f7e-2a53-4c1b-9a55-1f0f0d6f9c11") UUID cardId,
        @Schema(description = "The newest card version this record reflects", example = "3") long cardVersion,
        @Schema(description = "The card's title at that version", example = "How do I issue a refund?") String cardTitle,
        @Schema(description = "User or group responsible for verifying the card", example = "alice") String verifierId,
        @Schema(description = "Days between verifications", example = "90") int intervalDays,
        @Schema(description = "VERIFIED while the last verification stands", example = "VERIFIED") VerificationStatus status,
        @Schema(description = "When the card was last vouched for (for a new card: its creation)",
                example = "2026-01-10T09:00:00Z") Instant lastVerifiedAt,
        @Schema(description = "Who vouched for it (for a new card: its author)", example = "alice") String lastVerifiedBy,
        @Schema(description = "lastVerifiedAt + intervalDays", example = "2026-04-10T09:00:00Z") Instant nextDueAt,
        @Schema(example = "2026-01-10T09:00:01Z") Instant createdAt,
        @Schema(example = "2026-02-02T14:30:00Z") Instant updatedAt) {

    static VerificationResponse of(VerificationRecord record) {
        return new VerificationResponse(record.cardId, record.cardVersion, record.cardTitle, record.verifierId,
                record.intervalDays, record.status, record.lastVerifiedAt, record.lastVerifiedBy, record.nextDueAt,
                record.createdAt, record.updatedAt);
    }
}
