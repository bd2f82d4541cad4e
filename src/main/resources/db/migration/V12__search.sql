-- Search by what people know (issue 19): the order, shipment, return, user and e-mail each event is about,
-- read once from its payload when it is stored (in the same transaction), plus the buyer and total shown
-- beside the type in the event list. Same SQL on H2 (PostgreSQL mode) and PostgreSQL.
CREATE TABLE hub_event_field (
    event_id   VARCHAR(36)  NOT NULL,
    name       VARCHAR(20)  NOT NULL,  -- order | shipment | return | user | email | buyer | total
    field_value VARCHAR(200) NOT NULL,  -- as sent, trimmed ("value" is a keyword in H2)
    value_key  VARCHAR(200),           -- lower case, trimmed: what a search matches exactly; null: shown only
    -- no foreign key to hub_event: rows are written only with their event, in its transaction, and the key's
    -- check (and on H2 the index it adds) cost intake more than the rest of this table (bench/search.sh)
    CONSTRAINT pk_hub_event_field PRIMARY KEY (event_id, name)
);

-- a search: exact value, newest events first (event ids sort by time)
CREATE INDEX ix_hub_event_field_key ON hub_event_field (value_key, event_id);

-- a LogID as OrderCloud's logs show it (webhooks' LogID, the Message Sender's OcLogIdHeader)
CREATE INDEX ix_hub_event_log_id ON hub_event (log_id);
CREATE INDEX ix_hub_event_oc_log_id ON hub_event (oc_log_id);

-- an order's (or user's) page: its events in time order
CREATE INDEX ix_hub_event_business_key_received ON hub_event (business_key, received_at, id);

-- the backfill of events stored before this table: how far it got (ids sort by time), resumable
CREATE TABLE hub_event_field_backfill (
    name         VARCHAR(60)              NOT NULL,
    last_id      VARCHAR(36),                        -- the last event done; null: none yet
    until_id     VARCHAR(36),                        -- the newest event it must reach (then done)
    done_at      TIMESTAMP WITH TIME ZONE,
    CONSTRAINT pk_hub_event_field_backfill PRIMARY KEY (name)
);

-- every event stored before now is backfilled; later ones get their fields when stored
INSERT INTO hub_event_field_backfill (name, until_id) SELECT 'fields', MAX(id) FROM hub_event;
