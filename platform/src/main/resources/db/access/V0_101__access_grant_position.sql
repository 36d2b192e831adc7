-- A grant's place in card-service's access list: the first collection owner in that order takes over the cards
-- whose verifier lost access (verification-service). Grants applied before this column existed count as first.
ALTER TABLE access_grant ADD COLUMN position INT NOT NULL DEFAULT 0;
