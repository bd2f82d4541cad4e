-- The /ops overview charts read the last hours of pre-hook decisions by time; V1 indexed them only by event.
-- (Events, attempts and legs are read through V1, V5 and V2's indexes on received_at, started_at, updated_at.)
CREATE INDEX ix_hub_prehook_decision_decided ON hub_prehook_decision (decided_at);
