-- Card lifecycle beyond create/update: archived cards leave the verification queue (the record stays,
-- state ARCHIVED), a fixed verify-on date may replace the interval, and deleted cards are remembered
-- after their record is removed so their older events cannot start it again.
ALTER TABLE verification_record
    ADD COLUMN state         VARCHAR(16) NOT NULL DEFAULT 'ACTIVE' CHECK (state IN ('ACTIVE', 'ARCHIVED')),
    ADD COLUMN archived_at   TIMESTAMPTZ,
    ADD COLUMN verify_on     DATE,
    ADD COLUMN collection_id UUID;

-- Only cards in the queue are ever due: listings (and the later reminder job) filter on state first.
-- Not partial indexes: the state arrives as a bind parameter, which a generic plan cannot match to one.
DROP INDEX verification_record_verifier_due;
DROP INDEX verification_record_due;
CREATE INDEX verification_record_verifier_due ON verification_record (state, verifier_id, next_due_at);
CREATE INDEX verification_record_due ON verification_record (state, next_due_at);

-- Deleted for good; card_version is the version card.deleted carried (the card's last).
CREATE TABLE deleted_card (
    card_id      UUID        PRIMARY KEY,
    card_version BIGINT      NOT NULL CHECK (card_version >= 1),
    deleted_at   TIMESTAMPTZ NOT NULL
);
