package dev.verity.card.collections;


import dev.verity.card.content.TextRules;
import dev.verity.card.directory.PrincipalType;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "AccessGrant", description = "A role for a user or a group in one collection")
public record AccessGrantRequest(
        @NotNull @Schema(example = "GROUP") PrincipalType principalType,
        @NotNull @Pattern(regexp = TextRules.PRINCIPAL_ID, message = TextRules.PRINCIPAL_ID_MESSAGE)
        @Schema(example = "support") String principalId,
        @NotNull @Schema(description = "READ_ONLY (search, view, comment), AUTHOR (also create, edit, verify) or COLLECTION_OWNER (also settings and access)", example = "READ_ONLY")
        Role role) {

    AccessGrant toGrant() {
        return new AccessGrant(principalType, principalId, role);
    }

    static AccessGrantRequest of(AccessGrant grant) {
        return new AccessGrantRequest(grant.principalType, grant.principalId, grant.role);
    }
}
