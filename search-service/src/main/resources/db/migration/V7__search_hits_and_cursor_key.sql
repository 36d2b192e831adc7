-- The cards each recorded search showed (first page and the pages after it, up to 1,000): a click is accepted only
-- for one of them, so nobody can raise the popularity of a card they were never shown.
ALTER TABLE search_log ADD COLUMN hit_ids UUID[] NOT NULL DEFAULT '{}';

-- Server-side secrets shared by every instance: 'cursor' seals search cursors (SearchCursors), written once by the
-- first instance that needs it unless verity.search.cursor-key is configured.
CREATE TABLE search_secret (
    name   VARCHAR(40) PRIMARY KEY,
    secret BYTEA       NOT NULL
);
