-- Finding the next free "slug-N" is a prefix search (slug LIKE 'x-%'); text_pattern_ops lets it use an
-- index whatever the database's collation is.
CREATE INDEX card_slug_prefix ON card (slug text_pattern_ops);
