-- Knowledge gaps: every first-page search (normalised query, filters, how many cards it found, a pseudonym of who
-- searched) and every click on a hit, for the report of zero-result and no-click queries.
CREATE TABLE search_log (
    id          BIGSERIAL    PRIMARY KEY,
    searched_at TIMESTAMPTZ  NOT NULL,
    query       VARCHAR(500) NOT NULL,
    filtered    BOOLEAN      NOT NULL,
    hits        BIGINT       NOT NULL,
    searcher    VARCHAR(64)  NOT NULL
);
CREATE INDEX search_log_time ON search_log (searched_at);

CREATE TABLE search_click (
    search_id  BIGINT      NOT NULL REFERENCES search_log (id) ON DELETE CASCADE,
    card_id    UUID        NOT NULL,
    clicked_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (search_id, card_id)
);
