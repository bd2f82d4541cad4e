-- The event list pages newest first by (received_at, id): indexes that cover the tie-breaker too.
DROP INDEX ix_hub_event_type_received;
DROP INDEX ix_hub_event_kind_received;
CREATE INDEX ix_hub_event_type_received ON hub_event (event_type, received_at, id);
CREATE INDEX ix_hub_event_kind_received ON hub_event (kind, received_at, id);
