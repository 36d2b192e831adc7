-- Following must not leak (issue 12): a follower is told of a card's changes only while they may read its
-- collection (platform access tables, db/access, fed by verity.collections and verity.directory), so each card
-- remembers its collection as of the newest version seen.
ALTER TABLE card_verifier ADD COLUMN collection_id UUID;
