-- Each card's verification state as verification-service last said, merged into the card's document whenever
-- either a card event or a verification event is indexed. The row is also the per-card lock that keeps the two
-- consumers from overwriting each other's write to the document.
CREATE TABLE card_verification (
    card_id     UUID        PRIMARY KEY,
    status      VARCHAR(20),
    verified_at TIMESTAMPTZ,
    due_at      TIMESTAMPTZ,
    -- the occurredAt of the newest verification event applied: an older one arriving late changes nothing
    occurred_at TIMESTAMPTZ
);
