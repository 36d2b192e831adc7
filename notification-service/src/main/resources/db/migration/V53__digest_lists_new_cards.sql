-- The daily digest lists cards never verified too: verification-service publishes no event when it starts a card's
-- record (UNVERIFIED, reason NEW, unless its author verifies it), so such a card is known only from its card events.
-- Its author tells whether it started VERIFIED (the author is the verifier, or in the verifier group).
ALTER TABLE card_verifier ADD COLUMN author_id VARCHAR(100);
