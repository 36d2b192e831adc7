package dev.verity.card.collections;

import dev.verity.card.directory.PrincipalType;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import java.util.Objects;

/** One line of a collection's access list. */
@Embeddable
public class AccessGrant {

    @Enumerated(EnumType.STRING)
    @Column(name = "principal_type", nullable = false)
    public PrincipalType principalType;

    @Column(name = "principal_id", nullable = false)
    public String principalId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Role role;

    protected AccessGrant() {
    }

    public AccessGrant(PrincipalType principalType, String principalId, Role role) {
        this.principalType = principalType;
        this.principalId = principalId;
        this.role = role;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AccessGrant g && principalType == g.principalType && principalId.equals(g.principalId)
                && role == g.role;
    }

    @Override
    public int hashCode() {
        return Objects.hash(principalType, principalId, role);
    }
}
