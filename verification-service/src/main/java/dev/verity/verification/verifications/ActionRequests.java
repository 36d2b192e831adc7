package dev.verity.verification.verifications;

import java.time.LocalDate;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Request bodies of the verification actions. */
public final class ActionRequests {

    private ActionRequests() {
    }

    @Schema(name = "VerifyRequest", description = "Optional: what the verifier checked")
    public record Verify(@Schema(maxLength = 2000, example = "Checked against the 2026 refund policy") String comment) {
    }

    @Schema(name = "UnverifyRequest", description = "A flag: what is wrong with the card")
    public record Unverify(@Schema(required = true, maxLength = 2000,
            example = "The refund window is 14 days now, not 30") String reason) {
    }

    @Schema(name = "VerificationRequestRequest", description = "Optional: why verification is needed")
    public record Request(@Schema(maxLength = 2000, example = "A customer asked about refunds to gift cards")
            String message) {
    }

    @Schema(name = "VerificationPolicyRequest",
            description = "A verifier (omit to keep the current one) and exactly one schedule: intervalDays, verifyOn or never")
    public record Policy(
            @Schema(description = "User or group id with a role in the card's collection", example = "billing-experts")
            String verifierId,
            @Schema(description = "7, 14, 30, 90, 180 or 365", example = "30") Integer intervalDays,
            @Schema(description = "A fixed date after today", example = "2027-03-31") LocalDate verifyOn,
            @Schema(description = "true: never due", example = "false") Boolean never) {
    }
}
