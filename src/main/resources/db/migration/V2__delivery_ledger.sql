-- The delivery ledger: which destinations each event goes to, and how each delivery went.
-- Retry state lives here, not in memory, so a crash or restart loses nothing.

-- dispatch state of an event: due for the dispatcher (NULL when nothing is left to do) and its claim
ALTER TABLE hub_event ADD COLUMN dispatch_due_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE hub_event ADD COLUMN routed_at TIMESTAMP WITH TIME ZONE;   -- when its legs were planned
ALTER TABLE hub_event ADD COLUMN claimed_by VARCHAR(200);              -- the hub instance working on it
ALTER TABLE hub_event ADD COLUMN claimed_until TIMESTAMP WITH TIME ZONE; -- the claim's lease; expired = free

UPDATE hub_event SET dispatch_due_at = received_at WHERE kind IN ('post', 'message');

CREATE INDEX ix_hub_event_dispatch_due ON hub_event (dispatch_due_at);

-- one leg per (event, destination)
CREATE TABLE hub_delivery_leg (
    id               VARCHAR(36)              NOT NULL,
    event_id         VARCHAR(36)              NOT NULL,
    destination      VARCHAR(60)              NOT NULL,
    status           VARCHAR(16)              NOT NULL,  -- pending | delivered | retrying | dead | skipped
    attempts         INTEGER                  DEFAULT 0 NOT NULL,  -- attempts since the leg was (re)queued
    next_attempt_at  TIMESTAMP WITH TIME ZONE,           -- when pending or retrying
    last_error       VARCHAR(1000),                      -- short, no secrets; the skip reason for skipped legs
    idempotency_key  VARCHAR(120)             NOT NULL,  -- <eventId>:<destination>, sent with every attempt
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    delivered_at     TIMESTAMP WITH TIME ZONE,
    CONSTRAINT pk_hub_delivery_leg PRIMARY KEY (id),
    CONSTRAINT uq_hub_delivery_leg UNIQUE (event_id, destination),
    CONSTRAINT uq_hub_delivery_leg_key UNIQUE (idempotency_key),
    CONSTRAINT fk_hub_delivery_leg_event FOREIGN KEY (event_id) REFERENCES hub_event (id),
    CONSTRAINT ck_hub_delivery_leg_status
        CHECK (status IN ('pending', 'delivered', 'retrying', 'dead', 'skipped'))
);

CREATE INDEX ix_hub_delivery_leg_status ON hub_delivery_leg (status, next_attempt_at);
CREATE INDEX ix_hub_delivery_leg_destination ON hub_delivery_leg (destination, status, updated_at);
CREATE INDEX ix_hub_delivery_leg_updated ON hub_delivery_leg (updated_at);

-- every attempt, kept
CREATE TABLE hub_delivery_attempt (
    id           VARCHAR(36)              NOT NULL,
    leg_id       VARCHAR(36)              NOT NULL,
    attempt      INTEGER                  NOT NULL,  -- 1 for the first attempt of a (re)queued leg
    started_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    duration_ms  INTEGER                  NOT NULL,
    outcome      VARCHAR(16)              NOT NULL,  -- delivered | retry | dead
    error        VARCHAR(1000),
    instance     VARCHAR(200)             NOT NULL,  -- which hub instance made the attempt
    CONSTRAINT pk_hub_delivery_attempt PRIMARY KEY (id),
    CONSTRAINT fk_hub_delivery_attempt_leg FOREIGN KEY (leg_id) REFERENCES hub_delivery_leg (id)
);

CREATE INDEX ix_hub_delivery_attempt_leg ON hub_delivery_attempt (leg_id, started_at);
