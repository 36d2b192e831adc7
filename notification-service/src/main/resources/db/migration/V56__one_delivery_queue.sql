-- Email and chat are sent by one mechanism (DeliveryQueue): claim due rows with FOR UPDATE SKIP LOCKED, lease them
-- through next_attempt_at, send with no transaction open, then record SENT, a back-off or PARKED. Its rows have the
-- same columns; email gains the one chat had (SMTP leaves it null: the mailer reports no status code).
ALTER TABLE email_delivery ADD COLUMN status_code INT;
