package dev.verity.verification.rest;

import dev.verity.verification.domain.RecordState;
import dev.verity.verification.domain.VerificationRecord;
import dev.verity.verification.domain.VerificationStatus;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "Verification", description = "Who keeps a card true, how often, and when it is next due")
public record VerificationResponse(
        @Schema(example = "0b6f4f7e-2a53-4c1b-9a55-1f0f0d6f9c11") UUID cardId,
        @Schema(description = "The newest card version this record reflects", example = "3") long cardVersion,
        @Schema(description = "The card's title at that version", example = "How do I issue a refund?") String cardTitle,
        @Schema(description = "The card's collection (null for records not updated since cards had collections)",
                example = "6d3c8a1e-4b2f-4e0a-9c7d-1f2e3a4b5c6d") UUID collectionId,
        @Schema(description = "User or group responsible for verifying the card", example = "alice") String verifierId,
        @Schema(description = "Days between verifications", example = "90") int intervalDays,
        @Schema(description = "A fixed date the card must be verified by, instead of the interval; null when none",
                example = "2026-06-30") LocalDate verifyOn,
        @Schema(description = "ACTIVE: in the verification queue; ARCHIVED: the card is archived, nothing is due",
                example = "ACTIVE") RecordState state,
        @Schema(description = "When the card was archived; null while ACTIVE", example = "2026-03-01T12:00:00Z")
        Instant archivedAt,
        @Schema(description = "VERIFIED while the last verification stands", example = "VERIFIED") VerificationStatus status,
        @Schema(description = "When the card was last vouched for (for a new card: its creation)",
                example = "2026-01-10T09:00:00Z") Instant lastVerifiedAt,
        @Schema(description = "Who vouched for it (for a new card: its author)", example = "alice") String lastVerifiedBy,
        @Schema(description = "verifyOn at 00:00 UTC when set, otherwise lastVerifiedAt + intervalDays (not due while ARCHIVED)",
                example = "2026-04-10T09:00:00Z") Instant nextDueAt,
        @Schema(example = "2026-01-10T09:00:01Z") Instant createdAt,
        @Schema(example = "2026-02-02T14:30:00Z") Instant updatedAt) {

    static VerificationResponse of(VerificationRecord record) {
        return new VerificationResponse(record.cardId, record.cardVersion, record.cardTitle, record.collectionId,
                record.verifierId, record.intervalDays, record.verifyOn, record.state, record.archivedAt, record.status,
                record.lastVerifiedAt, record.lastVerifiedBy, record.nextDueAt, record.createdAt, record.updatedAt);
    }
}
