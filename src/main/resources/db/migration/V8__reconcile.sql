-- Reconciliation with the OrderCloud API: events OrderCloud never re-sent, recovered from its order list.

-- where an event came from: a call OrderCloud made (webhook, the default for every stored row) or the
-- reconciler, which built it from the API's order because no call for it ever arrived
ALTER TABLE hub_event ADD COLUMN origin VARCHAR(16) DEFAULT 'webhook' NOT NULL;

-- "does this order have this event yet?" (the reconciler) and "was this recovered?" (a late webhook) are
-- answered by V7's index on (business_key, event_type)

-- one row per reconciliation (today: 'orders'): how far it got, its last pass, and who runs it now
CREATE TABLE hub_reconcile_state (
    name            VARCHAR(60)              NOT NULL,
    watermark       TIMESTAMP WITH TIME ZONE,           -- newest LastUpdated seen by a full pass
    last_pass_at    TIMESTAMP WITH TIME ZONE,           -- when the last pass (full or not) ended
    last_outcome    VARCHAR(16),                        -- complete | failed | incomplete
    last_orders     INTEGER,                            -- orders checked by the last pass
    last_recovered  INTEGER,                            -- events it stored
    last_pages      INTEGER,                            -- pages it read
    last_error      VARCHAR(1000),                      -- why it was not complete (no secrets)
    locked_by       VARCHAR(200),                       -- the hub instance running a pass now
    locked_until    TIMESTAMP WITH TIME ZONE,           -- its lease; expired = free
    CONSTRAINT pk_hub_reconcile_state PRIMARY KEY (name)
);

INSERT INTO hub_reconcile_state (name) VALUES ('orders');
