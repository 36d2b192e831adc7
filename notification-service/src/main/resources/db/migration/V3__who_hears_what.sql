-- Who hears what (issue 12): card owners and titles for comment notifications, followers, one notification per
-- (event, recipient), and a per-recipient sequence that orders each inbox by commit for the live stream.

-- What the service knows of each card besides its verifier: the owner is told of comments, the title names it.
ALTER TABLE card_verifier ADD COLUMN owner_id VARCHAR(100);
ALTER TABLE card_verifier ADD COLUMN title TEXT;

-- Who follows a card: told of its later versions (edits, moves, archiving, restoring, deletion).
-- id: a stable key for cursor pages of followers.
CREATE TABLE card_follower (
    id          UUID         PRIMARY KEY,
    card_id     UUID         NOT NULL,
    user_id     VARCHAR(100) NOT NULL,
    followed_at TIMESTAMPTZ  NOT NULL,
    UNIQUE (card_id, user_id)
);
CREATE INDEX card_follower_page ON card_follower (card_id, followed_at, id);

-- The event that caused a notification: at most one notification per (event, recipient), whatever redelivers it.
-- Rows from before this column stay NULL (NULLs never conflict).
ALTER TABLE notification ADD COLUMN event_id VARCHAR(100);
CREATE UNIQUE INDEX notification_event_recipient ON notification (event_id, recipient_id);

-- A recipient's notifications numbered 1, 2, 3... in commit order. The number is taken by updating the
-- recipient's row below, which stays locked until the transaction ends, so a second transaction for the same
-- recipient waits and takes the next number only after the first commits (or reuses it after a rollback): a
-- stream that has sent number n never later finds an uncommitted n-1 appearing behind it.
CREATE TABLE recipient_sequence (
    recipient_id VARCHAR(100) PRIMARY KEY,
    last_seq     BIGINT       NOT NULL
);
ALTER TABLE notification ADD COLUMN seq BIGINT;
UPDATE notification n SET seq = numbered.seq
  FROM (SELECT id, row_number() OVER (PARTITION BY recipient_id ORDER BY created_at, id) AS seq
          FROM notification) numbered
 WHERE n.id = numbered.id;
INSERT INTO recipient_sequence (recipient_id, last_seq)
SELECT recipient_id, max(seq) FROM notification GROUP BY recipient_id;
ALTER TABLE notification ALTER COLUMN seq SET NOT NULL;
CREATE UNIQUE INDEX notification_recipient_seq ON notification (recipient_id, seq);
