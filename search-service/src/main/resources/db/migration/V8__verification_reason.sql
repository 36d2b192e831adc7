-- Why a card is UNVERIFIED (the verification event's reason), kept beside its status so a search hit can carry the
-- whole trust badge ("Unverified: flagged") and a frontend needs no call per hit to verification-service.
-- Cards whose state arrived before this column keep NULL until their next verification event.
ALTER TABLE card_verification ADD COLUMN reason text;
