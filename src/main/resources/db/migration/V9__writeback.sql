-- Write-back to OrderCloud (hub.writeback.*): what each destination answered, which order each order event
-- belongs to, and what the hub last wrote to each order's xp. Same SQL on H2 (PostgreSQL mode) and PostgreSQL.

-- what a delivered leg's destination answered that names its record (the ERP's order number), or null
ALTER TABLE hub_delivery_leg ADD COLUMN reference VARCHAR(200);

-- the order an order event belongs to, recorded when its legs are first looked at for write-back
CREATE TABLE hub_writeback_event (
    event_id    VARCHAR(36)              NOT NULL,
    direction   VARCHAR(20)              NOT NULL,  -- Incoming | Outgoing, as the hub's PATCH names it
    order_id    VARCHAR(100)             NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_hub_writeback_event PRIMARY KEY (event_id),
    CONSTRAINT fk_hub_writeback_event_event FOREIGN KEY (event_id) REFERENCES hub_event (id)
);

CREATE INDEX ix_hub_writeback_event_order ON hub_writeback_event (order_id, direction);

-- per order: the state last meant for its xp, and how writing it went
CREATE TABLE hub_writeback (
    direction   VARCHAR(20)              NOT NULL,
    order_id    VARCHAR(100)             NOT NULL,
    status      VARCHAR(20)              NOT NULL,  -- Synced | NeedsAttention
    state       TEXT                     NOT NULL,  -- the xp object as written, without UpdatedAt
    event_id    VARCHAR(36)              NOT NULL,  -- the event whose legs settling asked for it
    outcome     VARCHAR(16)              NOT NULL,  -- written | retrying | failed
    attempts    INTEGER                  DEFAULT 0 NOT NULL,
    last_error  VARCHAR(1000),                      -- short, no secrets
    updated_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    written_at  TIMESTAMP WITH TIME ZONE,
    CONSTRAINT pk_hub_writeback PRIMARY KEY (direction, order_id),
    CONSTRAINT ck_hub_writeback_outcome CHECK (outcome IN ('written', 'retrying', 'failed'))
);

CREATE INDEX ix_hub_writeback_outcome ON hub_writeback (outcome, updated_at);
