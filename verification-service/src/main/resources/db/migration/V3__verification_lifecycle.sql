-- The verification lifecycle: a policy per card (verifier, interval / fixed date / never), why a card is
-- unverified, open flags, history, and the collections, grants and group memberships (learnt from
-- card-service's events) that decide who may read, verify and change what.

-- A card may be never due (no interval and no date), and a new card written by someone other than its
-- verifier has never been verified.
ALTER TABLE verification_record
    ALTER COLUMN interval_days DROP NOT NULL,
    ALTER COLUMN next_due_at DROP NOT NULL,
    ALTER COLUMN last_verified_at DROP NOT NULL,
    ALTER COLUMN last_verified_by DROP NOT NULL,
    ADD COLUMN unverified_reason  VARCHAR(32) CHECK (unverified_reason IN ('NEW', 'EXPIRED', 'FLAGGED',
        'EDITED_BY_NON_VERIFIER', 'VERIFIER_CHANGED', 'VERIFIER_LOST_ACCESS')),
    -- the ETag of PUT /verifications/{cardId}/policy
    ADD COLUMN policy_version     BIGINT  NOT NULL DEFAULT 1,
    ADD COLUMN open_flags         INT     NOT NULL DEFAULT 0 CHECK (open_flags >= 0),
    -- what the card itself last said (so a card event changes the policy only when the card changed it)
    -- and a digest of its content (so only a real edit counts as one)
    ADD COLUMN card_verifier_id   VARCHAR(100),
    ADD COLUMN card_interval_days INT,
    ADD COLUMN card_verify_on     DATE,
    ADD COLUMN content_hash       VARCHAR(64),
    -- the expiry job's work list: the due date of a VERIFIED, ACTIVE card, null otherwise (cleared when it
    -- expires, so exactly one expiry per due period), and whether its due-soon event is still to go out
    ADD COLUMN expires_at         TIMESTAMPTZ,
    ADD COLUMN due_soon_pending   BOOLEAN NOT NULL DEFAULT false;

UPDATE verification_record
   SET card_verifier_id = verifier_id, card_interval_days = interval_days, card_verify_on = verify_on,
       expires_at = CASE WHEN status = 'VERIFIED' AND state = 'ACTIVE' THEN next_due_at END,
       due_soon_pending = (status = 'VERIFIED' AND state = 'ACTIVE'),
       unverified_reason = CASE WHEN status = 'UNVERIFIED' THEN 'EXPIRED' END;

-- Partial indexes: the expiry and due-soon passes touch only cards that have something due, so their cost
-- does not grow with the cards that are not.
CREATE INDEX verification_record_expiry ON verification_record (expires_at) WHERE expires_at IS NOT NULL;
CREATE INDEX verification_record_due_soon ON verification_record (expires_at) WHERE due_soon_pending;
CREATE INDEX verification_record_collection ON verification_record (collection_id, state);

-- Collections as card-service publishes them. The source_default_* columns are card-service's defaults;
-- default_* are the ones in force here (owners may change them in this service).
CREATE TABLE known_collection (
    id                           UUID         PRIMARY KEY,
    version                      BIGINT       NOT NULL,
    name                         VARCHAR(200) NOT NULL,
    deleted                      BOOLEAN      NOT NULL DEFAULT false,
    source_default_verifier_id   VARCHAR(100),
    source_default_interval_days INT,
    source_default_verify_on     DATE,
    default_verifier_id          VARCHAR(100),
    default_interval_days        INT CHECK (default_interval_days IN (7, 14, 30, 90, 180, 365)),
    default_verify_on            DATE,
    updated_at                   TIMESTAMPTZ  NOT NULL
);

-- A collection's access list; position keeps card-service's order (the first owner takes over cards whose
-- verifier lost access).
CREATE TABLE collection_access (
    collection_id  UUID         NOT NULL REFERENCES known_collection (id) ON DELETE CASCADE,
    position       INT          NOT NULL,
    principal_type VARCHAR(8)   NOT NULL CHECK (principal_type IN ('USER', 'GROUP')),
    principal_id   VARCHAR(100) NOT NULL,
    role           VARCHAR(20)  NOT NULL CHECK (role IN ('READ_ONLY', 'AUTHOR', 'COLLECTION_OWNER')),
    PRIMARY KEY (collection_id, principal_type, principal_id)
);
CREATE INDEX collection_access_principal ON collection_access (principal_id);

-- Users and groups of the directory: versions (older events are dropped) and removals.
CREATE TABLE directory_principal (
    principal_type VARCHAR(8)   NOT NULL CHECK (principal_type IN ('USER', 'GROUP')),
    principal_id   VARCHAR(100) NOT NULL,
    version        BIGINT       NOT NULL,
    removed        BOOLEAN      NOT NULL,
    PRIMARY KEY (principal_type, principal_id)
);

CREATE TABLE group_member (
    group_id VARCHAR(100) NOT NULL,
    user_id  VARCHAR(100) NOT NULL,
    PRIMARY KEY (group_id, user_id)
);
CREATE INDEX group_member_user ON group_member (user_id);

-- Flags raised by readers (POST /verifications/{cardId}/unverify); a verification resolves the open ones.
CREATE TABLE verification_flag (
    id          UUID          PRIMARY KEY,
    card_id     UUID          NOT NULL,
    reason      VARCHAR(2000) NOT NULL,
    flagged_by  VARCHAR(100)  NOT NULL,
    flagged_at  TIMESTAMPTZ   NOT NULL,
    resolved_at TIMESTAMPTZ,
    resolved_by VARCHAR(100)
);
CREATE INDEX verification_flag_open ON verification_flag (card_id) WHERE resolved_at IS NULL;

-- Every verification, flag, expiry, request, policy change and lifecycle step of a card, with the status and
-- liveness it left the card in (the trust score's daily series is computed from it).
CREATE TABLE verification_history (
    id            UUID          PRIMARY KEY,
    -- insertion order: entries written at the same instant (a policy change and an edit in one event) keep theirs
    seq           BIGSERIAL     NOT NULL,
    card_id       UUID          NOT NULL,
    collection_id UUID,
    at            TIMESTAMPTZ   NOT NULL,
    kind          VARCHAR(32)   NOT NULL,
    actor_id      VARCHAR(100)  NOT NULL,
    reason        VARCHAR(32),
    comment       VARCHAR(2000),
    verifier_id   VARCHAR(100),
    due_at        TIMESTAMPTZ,
    status_after  VARCHAR(16)   NOT NULL,
    live_after    BOOLEAN       NOT NULL
);
CREATE INDEX verification_history_card ON verification_history (card_id, seq);
CREATE INDEX verification_history_collection_at ON verification_history (collection_id, at);
