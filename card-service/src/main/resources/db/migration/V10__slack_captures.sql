-- The Slack app's captures (dev.verity.card.slack): one row per submitted "Save to Verity" modal, claimed in the
-- same transaction that creates the card. Slack retries a submission it did not see answered (X-Slack-Retry-Num)
-- with the same view id: the retry finds the row and creates nothing.
CREATE TABLE slack_capture (
    view_id    VARCHAR(64) PRIMARY KEY,
    card_id    UUID,
    created_at TIMESTAMPTZ NOT NULL
);
