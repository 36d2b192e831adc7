package dev.verity.card.cards;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Queries on the card history: one row per version, written once. */
@ApplicationScoped
public class CardVersionRepository implements PanacheRepositoryBase<CardVersion, CardVersion.Key> {

    public Optional<CardVersion> of(UUID cardId, long version) {
        return findByIdOptional(new CardVersion.Key(cardId, version));
    }

    /** The card's versions, newest first, below {@code before} (null: from the newest). */
    public List<CardVersion> page(UUID cardId, Long before, int limit) {
        return find("from CardVersion where cardId = :id and version < :before order by version desc",
                Parameters.with("id", cardId).and("before", before == null ? Long.MAX_VALUE : before))
                .page(0, limit).list();
    }
}
