-- Parked rows are counted by the outbox health check and re-driven by POST /admin/outbox/redrive; keep that cheap
-- however much published history the table holds.
CREATE INDEX outbox_event_parked ON outbox_event (seq) WHERE parked_at IS NOT NULL;
