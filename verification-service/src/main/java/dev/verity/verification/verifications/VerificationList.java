package dev.verity.verification.verifications;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "VerificationList", description = "Verification records, soonest due first")
public record VerificationList(List<VerificationResponse> items) {
}
