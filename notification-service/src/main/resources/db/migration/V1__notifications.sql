-- In-app notifications. A user only ever sees rows whose recipient_id is their own id.
CREATE TABLE notification (
    id           UUID         PRIMARY KEY,
    recipient_id VARCHAR(100) NOT NULL,
    type         VARCHAR(40)  NOT NULL,
    card_id      UUID         NOT NULL,
    card_version BIGINT       NOT NULL CHECK (card_version >= 1),
    title        VARCHAR(300) NOT NULL,
    message      TEXT         NOT NULL,
    created_at   TIMESTAMPTZ  NOT NULL,
    read_at      TIMESTAMPTZ
);
-- a user's inbox, newest first
CREATE INDEX notification_recipient_created ON notification (recipient_id, created_at DESC, id DESC);
-- the unread badge and "mark all read"
CREATE INDEX notification_recipient_unread ON notification (recipient_id) WHERE read_at IS NULL;

-- The newest verifier seen per card, so a card.updated notifies only when the verifier really changed,
-- and only for a version newer than the one recorded (events may be replayed or arrive out of order).
CREATE TABLE card_verifier (
    card_id      UUID         PRIMARY KEY,
    verifier_id  VARCHAR(100) NOT NULL,
    card_version BIGINT       NOT NULL CHECK (card_version >= 1)
);
