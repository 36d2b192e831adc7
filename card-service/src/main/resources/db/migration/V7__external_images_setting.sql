-- Images from other sites are tracking pixels in disguise: each collection decides, off unless its owners allow.
ALTER TABLE collection ADD COLUMN allow_external_images BOOLEAN NOT NULL DEFAULT FALSE;
