-- The collection access read model (platform `access` package), for services that must know who may read a
-- card's collection without asking card-service: collections, their grants, directory principals and group
-- members, each as card-service's events last described them. A service opts in by adding `db/access` to
-- quarkus.flyway.locations.
CREATE TABLE access_collection (
    id         UUID        PRIMARY KEY,
    version    BIGINT      NOT NULL,
    deleted    BOOLEAN     NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);

CREATE TABLE access_grant (
    collection_id  UUID         NOT NULL REFERENCES access_collection (id) ON DELETE CASCADE,
    principal_type VARCHAR(10)  NOT NULL,
    principal_id   VARCHAR(200) NOT NULL,
    role           VARCHAR(30)  NOT NULL,
    PRIMARY KEY (collection_id, principal_type, principal_id)
);
-- "which collections does this user or group read": the query every search runs
CREATE INDEX access_grant_principal ON access_grant (principal_id, principal_type);

CREATE TABLE access_principal (
    principal_type VARCHAR(10)  NOT NULL,
    principal_id   VARCHAR(200) NOT NULL,
    version        BIGINT       NOT NULL,
    removed        BOOLEAN      NOT NULL,
    PRIMARY KEY (principal_type, principal_id)
);

CREATE TABLE access_member (
    group_id VARCHAR(200) NOT NULL,
    user_id  VARCHAR(200) NOT NULL,
    PRIMARY KEY (group_id, user_id)
);
CREATE INDEX access_member_user ON access_member (user_id);
