-- Security hardening (issue 8).

-- Collection names are unique among the collections a person can see (checked by the service), not globally:
-- a global unique index answered "does a private collection called X exist?" to anyone.
DROP INDEX collection_name;
CREATE INDEX collection_lower_name ON collection (lower(name));

-- Slugs now end in a random suffix, so nothing searches for the next free "slug-N" any more.
DROP INDEX card_slug_prefix;

-- An import job re-checks its submitter's role before every batch: what their token said at submission.
ALTER TABLE import_job ADD COLUMN submitter_groups TEXT NOT NULL DEFAULT '';
ALTER TABLE import_job ADD COLUMN submitter_admin BOOLEAN NOT NULL DEFAULT FALSE;

-- Removed users and groups: the last version each had, so one created again under the same id continues the
-- sequence (consumers ignore versions at or below the highest they saw). Grants go with the principal.
CREATE TABLE directory_tombstone (
    principal_id VARCHAR(100) PRIMARY KEY,
    version      BIGINT       NOT NULL
);
