-- A notification may be about no card: WEBHOOK_DISABLED tells a subscription's owner it was switched off.
ALTER TABLE notification ALTER COLUMN card_id DROP NOT NULL;
ALTER TABLE notification ALTER COLUMN card_version DROP NOT NULL;
