-- Each collection's folder tree, from the collection events (applied with the access list, under the same version
-- rule: platform's access_collection holds the version). Search expands a folder filter to its sub-folders and
-- resolves the folder paths of hits from here at query time, so a rename or move shows without reindexing a card.
CREATE TABLE collection_folder (
    collection_id UUID    NOT NULL,
    id            UUID    NOT NULL,
    parent_id     UUID,
    name          TEXT    NOT NULL,
    position      INTEGER NOT NULL,
    PRIMARY KEY (collection_id, id)
);
-- a path is walked upwards from a folder id, a filter downwards from a parent
CREATE INDEX collection_folder_id ON collection_folder (id);
CREATE INDEX collection_folder_parent ON collection_folder (collection_id, parent_id);
