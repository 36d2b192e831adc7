-- The directory's users and groups as read from topic verity.directory: who the members of a verifying
-- group are, and what people are called. Each principal is held at the newest version seen.
CREATE TABLE directory_user (
    user_id    VARCHAR(100) PRIMARY KEY,
    version    BIGINT       NOT NULL CHECK (version >= 1),
    name       TEXT         NOT NULL,
    email      TEXT,
    changed_at TIMESTAMPTZ  NOT NULL
);
CREATE TABLE directory_group (
    group_id    VARCHAR(100) PRIMARY KEY,
    version     BIGINT       NOT NULL CHECK (version >= 1),
    name        TEXT         NOT NULL,
    description TEXT,
    changed_at  TIMESTAMPTZ  NOT NULL
);
CREATE TABLE directory_group_member (
    group_id VARCHAR(100) NOT NULL REFERENCES directory_group (group_id) ON DELETE CASCADE,
    user_id  VARCHAR(100) NOT NULL,
    PRIMARY KEY (group_id, user_id)
);
-- Removed principals are deleted from the tables above; their removal is remembered here so an older
-- event of theirs (replayed, or overtaken by the removal) cannot bring them back.
CREATE TABLE removed_principal (
    principal_type VARCHAR(10)  NOT NULL CHECK (principal_type IN ('USER', 'GROUP')),
    principal_id   VARCHAR(100) NOT NULL,
    version        BIGINT       NOT NULL CHECK (version >= 1),
    removed_at     TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (principal_type, principal_id)
);

-- Mentions link to the comment as well as to the card.
ALTER TABLE notification ADD COLUMN comment_id UUID;

-- A card first seen archived has had nobody told yet: its restore tells the verifier.
ALTER TABLE card_verifier ALTER COLUMN verifier_id DROP NOT NULL;
