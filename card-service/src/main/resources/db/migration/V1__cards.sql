CREATE TABLE card (
    id                         UUID         PRIMARY KEY,
    version                    BIGINT       NOT NULL CHECK (version >= 1),
    title                      VARCHAR(200) NOT NULL,
    body                       TEXT         NOT NULL,
    tags                       TEXT[]       NOT NULL DEFAULT '{}',
    status                     VARCHAR(16)  NOT NULL,
    author_id                  VARCHAR(100) NOT NULL,
    verifier_id                VARCHAR(100) NOT NULL,
    verification_interval_days INT          NOT NULL,
    created_at                 TIMESTAMPTZ  NOT NULL,
    created_by                 VARCHAR(100) NOT NULL,
    updated_at                 TIMESTAMPTZ  NOT NULL,
    updated_by                 VARCHAR(100) NOT NULL
);
CREATE INDEX card_updated_at ON card (updated_at DESC);
