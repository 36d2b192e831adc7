package dev.verity.verification.verifications;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "Verification", description = "Who keeps a card true, how often, whether it is vouched for, and when it is next due")
@JsonInclude(JsonInclude.Include.ALWAYS)
public record VerificationResponse(
        @Schema(example = "0b6f4f7e-2a53-4c1b-9a55-1f0f0d6f9c11") UUID cardId,
        @Schema(description = "The newest card version this record reflects", example = "3") long cardVersion,
        @Schema(description = "The card's title at that version", example = "How do I issue a refund?") String cardTitle,
        @Schema(description = "The card's collection", example = "6d3c8a1e-4b2f-4e0a-9c7d-1f2e3a4b5c6d") UUID collectionId,
        @Schema(description = "User or group responsible for verifying the card", example = "alice") String verifierId,
        @Schema(description = "Days between verifications; null when the schedule is a date or never", example = "90")
        Integer intervalDays,
        @Schema(description = "A fixed date the card must be verified by; null when none", example = "2026-06-30")
        LocalDate verifyOn,
        @Schema(description = "ACTIVE: in the queues and the trust score; ARCHIVED: the card is archived, nothing is due",
                example = "ACTIVE") RecordState state,
        @Schema(description = "When the card was archived; null while ACTIVE", example = "2026-03-01T12:00:00Z")
        Instant archivedAt,
        @Schema(description = "VERIFIED while a verification stands", example = "VERIFIED") VerificationStatus status,
        @Schema(description = "Why the card is UNVERIFIED; null while VERIFIED", example = "FLAGGED")
        UnverifiedReason reason,
        @Schema(description = "When the card was last vouched for; null if never", example = "2026-01-10T09:00:00Z")
        Instant lastVerifiedAt,
        @Schema(description = "Who vouched for it", example = "alice") String lastVerifiedBy,
        @Schema(description = "While VERIFIED: one schedule step after the last verification (null: never due); "
                + "while UNVERIFIED: since when it needs verifying", example = "2026-04-10T09:00:00Z") Instant nextDueAt,
        @Schema(description = "Flags raised since the last verification", example = "1") int openFlagCount,
        @Schema(description = "The open flags (only when reading one card; null in lists)") List<Flag> openFlags,
        @Schema(description = "The policy's version: send it back as If-Match when changing the policy", example = "2")
        long policyVersion,
        @Schema(example = "2026-01-10T09:00:01Z") Instant createdAt,
        @Schema(example = "2026-02-02T14:30:00Z") Instant updatedAt) {

    @Schema(name = "VerificationFlag", description = "A reader's flag, open until the card is verified again")
    public record Flag(UUID id, @Schema(example = "The refund window is 14 days now, not 30") String reason,
            @Schema(example = "bob") String flaggedBy, Instant flaggedAt) {

        static Flag of(VerificationFlag flag) {
            return new Flag(flag.id, flag.reason, flag.flaggedBy, flag.flaggedAt);
        }
    }

    static VerificationResponse of(VerificationRecord record) {
        return of(record, null);
    }

    static VerificationResponse of(VerificationRecord record, List<VerificationFlag> flags) {
        return new VerificationResponse(record.cardId, record.cardVersion, record.cardTitle, record.collectionId,
                record.verifierId, record.intervalDays, record.verifyOn, record.state, record.archivedAt, record.status,
                record.unverifiedReason, record.lastVerifiedAt, record.lastVerifiedBy, record.nextDueAt,
                record.openFlags, flags == null ? null : flags.stream().map(Flag::of).toList(), record.policyVersion,
                record.createdAt, record.updatedAt);
    }
}
