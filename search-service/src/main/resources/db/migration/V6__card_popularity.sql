-- How many different people opened each card from a search within the popularity window, as last written into its
-- document. Recomputed from search_click by PopularityRefresh; merged into the card's document on every write
-- (under the card_verification row lock), so a card event never wipes it.
CREATE TABLE card_popularity (
    card_id    UUID        PRIMARY KEY,
    popularity INTEGER     NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);
-- the refresh counts clicks within the window by card
CREATE INDEX search_click_time ON search_click (clicked_at);
