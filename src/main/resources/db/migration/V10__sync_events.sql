-- Delivery Configurations: OrderSync, EntitySync and ProductSync messages are stored as events of kind
-- 'sync' (log_id holds the entity's ID, message_type OrderCloud's type, occurred_at its LastUpdated), and
-- hub_event.origin also takes 'delivery' (the HTTP target) and 'kafka' (the Kafka target).
ALTER TABLE hub_event DROP CONSTRAINT ck_hub_event_kind;
ALTER TABLE hub_event ADD CONSTRAINT ck_hub_event_kind CHECK (kind IN ('pre', 'post', 'message', 'sync'));
