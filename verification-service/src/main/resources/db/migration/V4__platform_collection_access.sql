-- One access model: who may read, verify and change what now lives in platform's access tables (db/access:
-- access_collection, access_grant, access_principal, access_member), as in search- and notification-service. This
-- moves what this service learnt from card-service's events into them and drops its own copies. Flyway applies
-- db/access (V0_100, V0_101) before this script, also on a database that holds V1-V3 already (out-of-order is on).

INSERT INTO access_collection (id, version, deleted, updated_at)
SELECT id, version, deleted, updated_at FROM known_collection
    ON CONFLICT (id) DO NOTHING;

INSERT INTO access_grant (collection_id, principal_type, principal_id, role, position)
SELECT collection_id, principal_type, principal_id, role, position FROM collection_access
    ON CONFLICT DO NOTHING;

INSERT INTO access_principal (principal_type, principal_id, version, removed)
SELECT principal_type, principal_id, version, removed FROM directory_principal
    ON CONFLICT DO NOTHING;

INSERT INTO access_member (group_id, user_id)
SELECT group_id, user_id FROM group_member
    ON CONFLICT DO NOTHING;

DROP TABLE collection_access;
DROP TABLE directory_principal;
DROP TABLE group_member;

-- What stays this service's own: the verification defaults a collection's new cards take. Its version, name and
-- deletion are access_collection's now.
ALTER TABLE known_collection RENAME TO verification_defaults;
ALTER TABLE verification_defaults DROP COLUMN version, DROP COLUMN name, DROP COLUMN deleted;
