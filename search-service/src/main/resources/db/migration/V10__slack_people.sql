-- The Slack app (dev.verity.search.slack) identifies a Slack user by the verified email Slack gives for them: the
-- directory users' emails, kept from the directory events (verity.directory) by a consumer of their own. A row is
-- replaced only by a newer version of its user; a removed user keeps their row, marked, so an older event arriving
-- late cannot bring them back.
CREATE TABLE slack_directory_user (
    user_id  VARCHAR(200) PRIMARY KEY,
    email    VARCHAR(320),
    version  BIGINT  NOT NULL,
    removed  BOOLEAN NOT NULL
);
CREATE INDEX slack_directory_user_email ON slack_directory_user (lower(email)) WHERE NOT removed;
