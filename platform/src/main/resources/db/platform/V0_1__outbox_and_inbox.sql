-- Platform tables, present in every service's database. Platform migrations are numbered V0_x so they
-- sort before each service's own V1, V2, ...

-- Events waiting to leave the service. Written in the same transaction as the change they describe;
-- the relay publishes them to Kafka and stamps published_at. Rows that keep failing are parked.
CREATE TABLE outbox_event (
    seq          BIGSERIAL    PRIMARY KEY,
    id           UUID         NOT NULL UNIQUE,
    topic        VARCHAR(249) NOT NULL,
    record_key   VARCHAR(255) NOT NULL,
    type         VARCHAR(255) NOT NULL,
    source       VARCHAR(255) NOT NULL,
    subject      VARCHAR(255),
    occurred_at  TIMESTAMPTZ  NOT NULL,
    payload      TEXT         NOT NULL,
    attempts     INT          NOT NULL DEFAULT 0,
    last_error   TEXT,
    published_at TIMESTAMPTZ,
    parked_at    TIMESTAMPTZ
);
CREATE INDEX outbox_event_pending ON outbox_event (seq) WHERE published_at IS NULL AND parked_at IS NULL;
CREATE INDEX outbox_event_published ON outbox_event (published_at) WHERE published_at IS NOT NULL;

-- Events a consumer has already applied, recorded in the same transaction as the effect,
-- so a redelivered event is recognised and skipped.
CREATE TABLE processed_event (
    consumer     VARCHAR(100) NOT NULL,
    event_id     VARCHAR(255) NOT NULL,
    processed_at TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (consumer, event_id)
);
