-- Announcements (issue 28): an author announces a card to users and groups; each recipient acknowledges.
CREATE TABLE announcement (
    id                UUID         PRIMARY KEY,
    card_id           UUID         NOT NULL REFERENCES card (id) ON DELETE CASCADE,
    author_id         VARCHAR(100) NOT NULL,
    message           TEXT,
    user_ids          TEXT[]       NOT NULL DEFAULT '{}',
    group_ids         TEXT[]       NOT NULL DEFAULT '{}',
    -- 1, then one more per renewal; the card version recipients are asked to acknowledge
    round             INT          NOT NULL CHECK (round >= 1),
    announced_version BIGINT       NOT NULL CHECK (announced_version >= 1),
    created_at        TIMESTAMPTZ  NOT NULL,
    updated_at        TIMESTAMPTZ  NOT NULL,
    last_reminded_at  TIMESTAMPTZ
);
CREATE INDEX announcement_card ON announcement (card_id, created_at DESC, id);

-- Who was told, each once; acknowledged_at is null until they acknowledge the current round.
CREATE TABLE announcement_recipient (
    announcement_id UUID         NOT NULL REFERENCES announcement (id) ON DELETE CASCADE,
    user_id         VARCHAR(100) NOT NULL,
    acknowledged_at TIMESTAMPTZ,
    PRIMARY KEY (announcement_id, user_id)
);
-- a person's announcements ("GET /announcements?state=OPEN")
CREATE INDEX announcement_recipient_user ON announcement_recipient (user_id, announcement_id);
