-- The W3C trace context of the write that produced an outbox event (null when it was not traced). The relay sends it
-- as the CloudEvents Distributed Tracing extension (ce_traceparent, ce_tracestate), so consumers continue the trace.
ALTER TABLE outbox_event ADD COLUMN traceparent VARCHAR(255);
ALTER TABLE outbox_event ADD COLUMN tracestate TEXT;
