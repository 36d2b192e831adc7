-- Index rebuilds (POST /search/admin/rebuilds): kept here so every instance reports them and every indexing
-- consumer sees, in its own transaction, which new index to write to as well while one runs.
CREATE TABLE search_rebuild (
    id             UUID         PRIMARY KEY,
    alias          VARCHAR(100) NOT NULL,
    -- RUNNING, SWAPPED (the alias points to index_name) or FAILED
    state          VARCHAR(10)  NOT NULL,
    index_name     VARCHAR(200) NOT NULL,
    -- the index(es) the alias pointed to before the swap, dropped after it
    previous_index VARCHAR(400),
    started_by     VARCHAR(200) NOT NULL,
    started_at     TIMESTAMPTZ  NOT NULL,
    -- moved on by the instance running it after every batch: a RUNNING rebuild whose heartbeat is older than
    -- verity.search.rebuild.stale-after lost its instance and is marked FAILED
    heartbeat_at   TIMESTAMPTZ  NOT NULL,
    finished_at    TIMESTAMPTZ,
    -- per partition of verity.cards: the end offsets captured at start, and how far the replay has read
    target         TEXT         NOT NULL DEFAULT '{}',
    position       TEXT         NOT NULL DEFAULT '{}',
    events_read    BIGINT       NOT NULL DEFAULT 0,
    cards_indexed  BIGINT       NOT NULL DEFAULT 0,
    error          TEXT
);
-- one running rebuild per alias: a second start is refused by the database, whichever instance it reaches
CREATE UNIQUE INDEX search_rebuild_one_running ON search_rebuild (alias) WHERE state = 'RUNNING';
CREATE INDEX search_rebuild_started ON search_rebuild (started_at DESC);
