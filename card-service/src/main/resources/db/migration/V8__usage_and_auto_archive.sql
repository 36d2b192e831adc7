-- Usage (issue 28): views, copies and helpdesk links per card and day, and auto-archive of cards nobody reads.
-- Views and copies are counted in memory and written here in batches (usage.UsageBuffer); no foreign key to card on
-- the counting tables, so a batch never fails on a card deleted meanwhile (UsagePurge removes what is left of it).

-- A collection may archive cards not viewed or edited for 90, 180 or 365 days; 0 = off (the default).
ALTER TABLE collection ADD COLUMN auto_archive_after_days INT NOT NULL DEFAULT 0
    CHECK (auto_archive_after_days IN (0, 90, 180, 365));

-- Each person's last counted view of each card: a view counts only when the last one is older than the view window.
CREATE TABLE usage_viewer (
    card_id    UUID         NOT NULL,
    viewer_id  VARCHAR(100) NOT NULL,
    counted_at TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (card_id, viewer_id)
);
CREATE INDEX usage_viewer_time ON usage_viewer (counted_at);

-- Counted views by card, day (UTC) and person: views are the sum, unique viewers the distinct people.
CREATE TABLE usage_view_day (
    card_id   UUID         NOT NULL,
    day       DATE         NOT NULL,
    viewer_id VARCHAR(100) NOT NULL,
    views     INT          NOT NULL,
    PRIMARY KEY (card_id, day, viewer_id)
);
CREATE INDEX usage_view_day_day ON usage_view_day (day);

-- Copies and helpdesk links added, by card and day (UTC).
CREATE TABLE usage_day (
    card_id UUID NOT NULL,
    day     DATE NOT NULL,
    copies  INT  NOT NULL DEFAULT 0,
    links   INT  NOT NULL DEFAULT 0,
    PRIMARY KEY (card_id, day)
);
CREATE INDEX usage_day_day ON usage_day (day);

-- Helpdesk tickets linked to a card: one per (card, system, ticket).
CREATE TABLE card_link (
    id         UUID          PRIMARY KEY,
    card_id    UUID          NOT NULL REFERENCES card (id) ON DELETE CASCADE,
    system     VARCHAR(40)   NOT NULL,
    ticket_id  VARCHAR(100)  NOT NULL,
    url        VARCHAR(2000) NOT NULL,
    created_at TIMESTAMPTZ   NOT NULL,
    created_by VARCHAR(100)  NOT NULL,
    UNIQUE (card_id, system, ticket_id)
);
CREATE INDEX card_link_page ON card_link (card_id, created_at DESC, id DESC);

-- Per card: its last counted view, when its usage last changed and was last reported (usage.reported events), and
-- the auto-archive warning it is under (warned_at, archive_at), if any.
CREATE TABLE card_usage_state (
    card_id        UUID        PRIMARY KEY,
    last_viewed_at TIMESTAMPTZ,
    changed_at     TIMESTAMPTZ,
    reported_at    TIMESTAMPTZ,
    warned_at      TIMESTAMPTZ,
    archive_at     TIMESTAMPTZ
);
CREATE INDEX card_usage_state_unreported ON card_usage_state (changed_at)
    WHERE changed_at IS NOT NULL AND (reported_at IS NULL OR reported_at < changed_at);
CREATE INDEX card_usage_state_warned ON card_usage_state (archive_at) WHERE warned_at IS NOT NULL;
