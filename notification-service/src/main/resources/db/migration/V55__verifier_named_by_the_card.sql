-- A verifier named by a policy change (verification.policy-changed) is told and recorded as told, while the card
-- itself may still name the former one: remember what the card named, so an edit that keeps naming it does not
-- tell the former verifier again.
ALTER TABLE card_verifier ADD COLUMN named_verifier_id VARCHAR(100);
UPDATE card_verifier SET named_verifier_id = verifier_id;
