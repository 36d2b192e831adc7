-- Issue 3: organisation and access, history, comments, templates and bulk import.

-- Directory: people and groups, so access lists and "verifier = group" can be resolved.
CREATE TABLE directory_user (
    id         VARCHAR(100) PRIMARY KEY,
    version    BIGINT       NOT NULL,
    name       VARCHAR(200) NOT NULL,
    email      VARCHAR(320),
    created_at TIMESTAMPTZ  NOT NULL,
    updated_at TIMESTAMPTZ  NOT NULL
);
CREATE TABLE directory_group (
    id          VARCHAR(100) PRIMARY KEY,
    version     BIGINT       NOT NULL,
    name        VARCHAR(200) NOT NULL,
    description VARCHAR(1000),
    created_at  TIMESTAMPTZ  NOT NULL,
    updated_at  TIMESTAMPTZ  NOT NULL
);
CREATE TABLE group_member (
    group_id VARCHAR(100) NOT NULL REFERENCES directory_group (id) ON DELETE CASCADE,
    user_id  VARCHAR(100) NOT NULL REFERENCES directory_user (id) ON DELETE CASCADE,
    PRIMARY KEY (group_id, user_id)
);
CREATE INDEX group_member_user ON group_member (user_id);

-- Collections: the top level of organisation and access.
CREATE TABLE collection (
    id                    UUID         PRIMARY KEY,
    version               BIGINT       NOT NULL,
    name                  VARCHAR(100) NOT NULL,
    description           VARCHAR(2000),
    color                 VARCHAR(7),
    default_verifier_id   VARCHAR(100) NOT NULL,
    default_interval_days INT          NOT NULL,
    default_verify_on     DATE,
    created_at            TIMESTAMPTZ  NOT NULL,
    created_by            VARCHAR(100) NOT NULL,
    updated_at            TIMESTAMPTZ  NOT NULL,
    updated_by            VARCHAR(100) NOT NULL
);
CREATE UNIQUE INDEX collection_name ON collection (lower(name));
CREATE TABLE collection_access (
    collection_id  UUID         NOT NULL REFERENCES collection (id) ON DELETE CASCADE,
    principal_type VARCHAR(5)   NOT NULL CHECK (principal_type IN ('USER', 'GROUP')),
    principal_id   VARCHAR(100) NOT NULL,
    role           VARCHAR(20)  NOT NULL CHECK (role IN ('READ_ONLY', 'AUTHOR', 'COLLECTION_OWNER')),
    PRIMARY KEY (collection_id, principal_type, principal_id)
);
CREATE INDEX collection_access_principal ON collection_access (principal_type, principal_id);

-- Folders: nested and ordered inside one collection.
CREATE TABLE folder (
    id            UUID         PRIMARY KEY,
    collection_id UUID         NOT NULL REFERENCES collection (id) ON DELETE CASCADE,
    parent_id     UUID         REFERENCES folder (id),
    name          VARCHAR(100) NOT NULL,
    position      INT          NOT NULL,
    created_at    TIMESTAMPTZ  NOT NULL,
    updated_at    TIMESTAMPTZ  NOT NULL
);
CREATE INDEX folder_collection ON folder (collection_id, parent_id, position);

-- Cards written before collections existed move to a "General" collection open to every author.
INSERT INTO collection (id, version, name, description, default_verifier_id, default_interval_days, created_at,
                        created_by, updated_at, updated_by)
SELECT '00000000-0000-0000-0000-00000000c001', 1, 'General', 'Cards written before collections existed',
       'admin', 90, now(), 'admin', now(), 'admin'
WHERE EXISTS (SELECT 1 FROM card);
INSERT INTO collection_access (collection_id, principal_type, principal_id, role)
SELECT id, 'GROUP', 'ADMIN', 'COLLECTION_OWNER' FROM collection WHERE id = '00000000-0000-0000-0000-00000000c001';

ALTER TABLE card
    ADD COLUMN collection_id UUID REFERENCES collection (id),
    ADD COLUMN folder_ids    UUID[]       NOT NULL DEFAULT '{}',
    ADD COLUMN slug          VARCHAR(90),
    ADD COLUMN owner_id      VARCHAR(100),
    ADD COLUMN source_url    VARCHAR(2000),
    ADD COLUMN body_html     TEXT,
    ADD COLUMN verify_on     DATE,
    ADD COLUMN external_id   VARCHAR(200),
    ADD COLUMN status_before_archive VARCHAR(16);
UPDATE card SET collection_id = '00000000-0000-0000-0000-00000000c001',
                slug = left(regexp_replace(regexp_replace(lower(title), '[^a-z0-9]+', '-', 'g'), '(^-+|-+$)', '', 'g'), 60)
                       || '-' || left(id::text, 8),
                owner_id = author_id,
                body_html = '';
ALTER TABLE card
    ALTER COLUMN collection_id SET NOT NULL,
    ALTER COLUMN slug SET NOT NULL,
    ALTER COLUMN owner_id SET NOT NULL,
    ALTER COLUMN body_html SET NOT NULL;
CREATE UNIQUE INDEX card_slug ON card (slug);
CREATE UNIQUE INDEX card_external_id ON card (collection_id, external_id) WHERE external_id IS NOT NULL;
CREATE INDEX card_collection_updated ON card (collection_id, updated_at DESC, id DESC);
CREATE INDEX card_folders ON card USING gin (folder_ids);
CREATE INDEX card_tags ON card USING gin (tags);

-- Every change of a card is a version: what it said, who changed it, when and why.
CREATE TABLE card_version (
    card_id    UUID         NOT NULL REFERENCES card (id) ON DELETE CASCADE,
    version    BIGINT       NOT NULL,
    change     VARCHAR(20)  NOT NULL,
    summary    VARCHAR(500),
    title      VARCHAR(200) NOT NULL,
    body       TEXT         NOT NULL,
    tags       TEXT[]       NOT NULL,
    status     VARCHAR(16)  NOT NULL,
    author_id  VARCHAR(100) NOT NULL,
    created_at TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (card_id, version)
);
INSERT INTO card_version (card_id, version, change, summary, title, body, tags, status, author_id, created_at)
SELECT id, version, 'IMPORTED', 'State before version history was kept', title, body, tags, status, updated_by,
       updated_at
FROM card;

-- Comments with @mentions.
CREATE TABLE card_comment (
    id          UUID         PRIMARY KEY,
    card_id     UUID         NOT NULL REFERENCES card (id) ON DELETE CASCADE,
    version     BIGINT       NOT NULL,
    author_id   VARCHAR(100) NOT NULL,
    body        TEXT         NOT NULL,
    mentions    TEXT[]       NOT NULL DEFAULT '{}',
    status      VARCHAR(10)  NOT NULL CHECK (status IN ('OPEN', 'RESOLVED')),
    resolved_by VARCHAR(100),
    resolved_at TIMESTAMPTZ,
    created_at  TIMESTAMPTZ  NOT NULL,
    updated_at  TIMESTAMPTZ  NOT NULL
);
CREATE INDEX card_comment_card ON card_comment (card_id, created_at, id);

-- Templates; built-in ones ship with the service and cannot be changed.
CREATE TABLE template (
    id          UUID         PRIMARY KEY,
    version     BIGINT       NOT NULL,
    name        VARCHAR(100) NOT NULL,
    description VARCHAR(1000),
    title       VARCHAR(200),
    body        TEXT         NOT NULL,
    tags        TEXT[]       NOT NULL DEFAULT '{}',
    built_in    BOOLEAN      NOT NULL DEFAULT false,
    created_at  TIMESTAMPTZ  NOT NULL,
    created_by  VARCHAR(100) NOT NULL,
    updated_at  TIMESTAMPTZ  NOT NULL,
    updated_by  VARCHAR(100) NOT NULL
);
CREATE UNIQUE INDEX template_name ON template (lower(name));

-- Bulk imports: the job, and every submitted item with its outcome, so a restart resumes where it stopped.
CREATE TABLE import_job (
    id            UUID         PRIMARY KEY,
    collection_id UUID         NOT NULL REFERENCES collection (id) ON DELETE CASCADE,
    status        VARCHAR(16)  NOT NULL,
    format        VARCHAR(16)  NOT NULL,
    card_status   VARCHAR(16)  NOT NULL,
    total         INT          NOT NULL,
    created       INT          NOT NULL DEFAULT 0,
    updated       INT          NOT NULL DEFAULT 0,
    unchanged     INT          NOT NULL DEFAULT 0,
    failed        INT          NOT NULL DEFAULT 0,
    created_by    VARCHAR(100) NOT NULL,
    created_at    TIMESTAMPTZ  NOT NULL,
    started_at    TIMESTAMPTZ,
    finished_at   TIMESTAMPTZ
);
CREATE INDEX import_job_status ON import_job (status, created_at);
CREATE TABLE import_item (
    job_id      UUID         NOT NULL REFERENCES import_job (id) ON DELETE CASCADE,
    position    INT          NOT NULL,
    external_id VARCHAR(200),
    payload     TEXT,
    outcome     VARCHAR(10)  NOT NULL,
    card_id     UUID,
    error       VARCHAR(2000),
    PRIMARY KEY (job_id, position)
);
CREATE INDEX import_item_pending ON import_item (job_id, position) WHERE outcome = 'PENDING';
