-- Signed webhooks for integrations (Standard Webhooks). Numbered apart from the inbox's migrations (V1..V49), which
-- grow in parallel; Flyway runs out of order here (platform config), so the numbers only need to be unique.

-- Who wants which events where. The secret is kept as issued (whsec_<base64>) because HMAC signing needs it; it is
-- returned once, at creation or rotation, and never again. During a rotation's overlap the previous secret signs too.
CREATE TABLE webhook_subscription (
    id                         UUID          PRIMARY KEY,
    owner_id                   VARCHAR(100)  NOT NULL,
    target_url                 VARCHAR(2000) NOT NULL,
    description                VARCHAR(500),
    active                     BOOLEAN       NOT NULL,
    secret                     VARCHAR(200)  NOT NULL,
    previous_secret            VARCHAR(200),
    previous_secret_expires_at TIMESTAMPTZ,
    -- the first failed attempt since the last success; a subscription failing for long enough is disabled
    failing_since              TIMESTAMPTZ,
    disabled_at                TIMESTAMPTZ,
    disabled_reason            TEXT,
    created_at                 TIMESTAMPTZ   NOT NULL,
    updated_at                 TIMESTAMPTZ   NOT NULL
);
CREATE INDEX webhook_subscription_owner ON webhook_subscription (owner_id);

CREATE TABLE webhook_subscription_event_type (
    subscription_id UUID         NOT NULL REFERENCES webhook_subscription (id) ON DELETE CASCADE,
    event_type      VARCHAR(100) NOT NULL,
    PRIMARY KEY (subscription_id, event_type)
);
-- the fan-out: which subscriptions want this type
CREATE INDEX webhook_subscription_event_type_type ON webhook_subscription_event_type (event_type);

-- One event for one subscription, from fan-out to delivered (or dead). seq is the order the consumer wrote them in,
-- which is the order of one card's events (one partition): a card's later delivery waits for its earlier ones.
CREATE TABLE webhook_delivery (
    id               UUID          PRIMARY KEY,
    seq              BIGINT        GENERATED ALWAYS AS IDENTITY UNIQUE,
    subscription_id  UUID          NOT NULL REFERENCES webhook_subscription (id) ON DELETE CASCADE,
    event_id         VARCHAR(200)  NOT NULL,
    event_type       VARCHAR(100)  NOT NULL,
    -- the Kafka key of the event (the card id): deliveries sharing it reach a subscription in order
    ordering_key     VARCHAR(200)  NOT NULL,
    -- the CloudEvent in structured JSON, byte for byte what is signed and sent
    payload          TEXT          NOT NULL,
    status           VARCHAR(12)   NOT NULL CHECK (status IN ('PENDING', 'IN_FLIGHT', 'DELIVERED', 'DEAD')),
    attempts         INT           NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    next_attempt_at  TIMESTAMPTZ,
    -- while IN_FLIGHT: which claim holds it and until when (an instance that dies leaves it to be claimed again)
    lease_token      UUID,
    lease_until      TIMESTAMPTZ,
    last_attempt_at  TIMESTAMPTZ,
    last_status_code INT,
    last_latency_ms  BIGINT,
    last_error       TEXT,
    created_at       TIMESTAMPTZ   NOT NULL,
    delivered_at     TIMESTAMPTZ,
    -- the inbox already applies an event once; this keeps a subscription from ever holding an event twice
    UNIQUE (subscription_id, event_id)
);
-- what the worker claims
CREATE INDEX webhook_delivery_due ON webhook_delivery (next_attempt_at) WHERE status = 'PENDING';
-- "is an earlier delivery of this card to this subscription still open?"
CREATE INDEX webhook_delivery_open_per_card ON webhook_delivery (subscription_id, ordering_key, seq)
    WHERE status IN ('PENDING', 'IN_FLIGHT');
-- per-target concurrency and expired leases
CREATE INDEX webhook_delivery_in_flight ON webhook_delivery (subscription_id, lease_until) WHERE status = 'IN_FLIGHT';
-- the delivery log of a subscription, newest first
CREATE INDEX webhook_delivery_log ON webhook_delivery (subscription_id, created_at DESC, id DESC);
