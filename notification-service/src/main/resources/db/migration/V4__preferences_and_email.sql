-- Preferences and email (issue 12): per user, type and channel; the verification state of each card for the daily
-- digest; and the email outbox, sent by a scheduled sender outside the consumer's transaction.

-- Whether a card is archived (or deleted) as of the newest version seen: archived cards wait for nobody.
ALTER TABLE card_verifier ADD COLUMN archived BOOLEAN NOT NULL DEFAULT false;

-- What a user chose per notification type and channel; a missing row means the default (README).
CREATE TABLE notification_preference (
    user_id VARCHAR(100) NOT NULL,
    type    VARCHAR(40)  NOT NULL,
    channel VARCHAR(10)  NOT NULL CHECK (channel IN ('INBOX', 'EMAIL')),
    mode    VARCHAR(10)  NOT NULL CHECK (mode IN ('IMMEDIATE', 'DIGEST', 'OFF')),
    PRIMARY KEY (user_id, type, channel)
);

-- When a user's daily digest is next due: the chosen hour in their time zone, moved a day on when it is sent.
CREATE TABLE digest_schedule (
    user_id     VARCHAR(100) PRIMARY KEY,
    hour        SMALLINT     NOT NULL CHECK (hour BETWEEN 0 AND 23),
    time_zone   VARCHAR(64)  NOT NULL,
    next_due_at TIMESTAMPTZ  NOT NULL
);
CREATE INDEX digest_schedule_due ON digest_schedule (next_due_at);

-- Each card's verification as of the newest verification event seen: what waits for whose verification.
CREATE TABLE card_verification (
    card_id     UUID         PRIMARY KEY,
    card_title  TEXT         NOT NULL,
    verifier_id VARCHAR(100) NOT NULL,
    status      VARCHAR(20)  NOT NULL,
    reason      VARCHAR(40),
    due_at      TIMESTAMPTZ,
    occurred_at TIMESTAMPTZ  NOT NULL
);
CREATE INDEX card_verification_waiting ON card_verification (verifier_id) WHERE status = 'UNVERIFIED';

-- Emails to send, written in the transaction that decides them and sent afterwards by EmailSender, so a retried
-- consumer transaction never sends and a crash never loses one. dedupe_key: one email per (event, recipient) or
-- per (recipient, digest day).
CREATE TABLE email_delivery (
    id              UUID         PRIMARY KEY,
    dedupe_key      VARCHAR(250) NOT NULL UNIQUE,
    recipient_id    VARCHAR(100) NOT NULL,
    address         TEXT         NOT NULL,
    subject         TEXT         NOT NULL,
    text_body       TEXT         NOT NULL,
    html_body       TEXT         NOT NULL,
    status          VARCHAR(10)  NOT NULL CHECK (status IN ('PENDING', 'SENT', 'PARKED')),
    attempts        INT          NOT NULL DEFAULT 0,
    created_at      TIMESTAMPTZ  NOT NULL,
    next_attempt_at TIMESTAMPTZ  NOT NULL,
    sent_at         TIMESTAMPTZ,
    last_error      TEXT
);
CREATE INDEX email_delivery_due ON email_delivery (next_attempt_at) WHERE status = 'PENDING';
