-- One row per card: who keeps it true, how often, and when it is next due.
-- Built from card events; card_version is the newest card version applied, so replayed or
-- reordered older events are recognised and ignored.
CREATE TABLE verification_record (
    card_id          UUID         PRIMARY KEY,
    card_version     BIGINT       NOT NULL CHECK (card_version >= 1),
    card_title       VARCHAR(200) NOT NULL,
    verifier_id      VARCHAR(100) NOT NULL,
    interval_days    INT          NOT NULL CHECK (interval_days >= 1),
    status           VARCHAR(16)  NOT NULL CHECK (status IN ('VERIFIED', 'UNVERIFIED')),
    last_verified_at TIMESTAMPTZ  NOT NULL,
    last_verified_by VARCHAR(100) NOT NULL,
    next_due_at      TIMESTAMPTZ  NOT NULL,
    created_at       TIMESTAMPTZ  NOT NULL,
    updated_at       TIMESTAMPTZ  NOT NULL
);
-- "my verifications, soonest due first" and "everything due before X" (the later expiry job)
CREATE INDEX verification_record_verifier_due ON verification_record (verifier_id, next_due_at);
CREATE INDEX verification_record_due ON verification_record (next_due_at);
