-- Destination health reads the last minutes of attempts: find them by time.
CREATE INDEX ix_hub_delivery_attempt_started ON hub_delivery_attempt (started_at);
