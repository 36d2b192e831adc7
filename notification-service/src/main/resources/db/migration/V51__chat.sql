-- Chat (issue 12): Slack-compatible incoming webhooks. Each user may set one webhook URL; notifications they take on
-- the CHAT channel are written to chat_delivery in the transaction that decides them and posted afterwards by
-- ChatSender, so a slow or failing chat server never holds up the inbox or email.

ALTER TABLE notification_preference DROP CONSTRAINT notification_preference_channel_check;
ALTER TABLE notification_preference ADD CONSTRAINT notification_preference_channel_check
    CHECK (channel IN ('INBOX', 'EMAIL', 'CHAT'));

-- The user's incoming-webhook URL (checked by the address guard when set, and again before every post).
CREATE TABLE chat_webhook (
    user_id     VARCHAR(100) PRIMARY KEY,
    webhook_url TEXT         NOT NULL,
    updated_at  TIMESTAMPTZ  NOT NULL
);

-- Messages to post. dedupe_key: one per (event, recipient). The URL is read from chat_webhook at each attempt, so a
-- user who fixes a broken URL gets the waiting messages there. next_attempt_at doubles as the lease of a claimed
-- row: a sender that dies mid-post leaves it to be tried again once the lease runs out.
CREATE TABLE chat_delivery (
    id              UUID         PRIMARY KEY,
    dedupe_key      VARCHAR(250) NOT NULL UNIQUE,
    recipient_id    VARCHAR(100) NOT NULL,
    type            VARCHAR(40)  NOT NULL,
    payload         TEXT         NOT NULL,
    status          VARCHAR(10)  NOT NULL CHECK (status IN ('PENDING', 'SENT', 'PARKED')),
    attempts        INT          NOT NULL DEFAULT 0,
    created_at      TIMESTAMPTZ  NOT NULL,
    next_attempt_at TIMESTAMPTZ  NOT NULL,
    sent_at         TIMESTAMPTZ,
    status_code     INT,
    last_error      TEXT
);
CREATE INDEX chat_delivery_due ON chat_delivery (next_attempt_at) WHERE status = 'PENDING';
CREATE INDEX chat_delivery_recipient ON chat_delivery (recipient_id, created_at);
