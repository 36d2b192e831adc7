-- Inbox rows are purged once no redelivery can bring their event back (verity.inbox.retention).
CREATE INDEX processed_event_processed_at ON processed_event (processed_at);
