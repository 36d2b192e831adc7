-- Each card's usage as card-service last reported it (usage.reported on verity.usage): the different people who
-- viewed it and the helpdesk tickets linked to it. PopularityRefresh adds them to the clicks of search_click.
CREATE TABLE card_usage (
    card_id        UUID        PRIMARY KEY,
    unique_viewers INTEGER     NOT NULL,
    links          INTEGER     NOT NULL,
    reported_at    TIMESTAMPTZ NOT NULL
);
