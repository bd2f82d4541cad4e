-- Ordering per business key: the legs of one order (user, address, ...) to one destination go in event order.

-- the event's business key, set at intake by the event catalogue ("order:SO-1"); null: no key, no ordering
ALTER TABLE hub_event ADD COLUMN business_key VARCHAR(200);
CREATE INDEX ix_hub_event_business_key ON hub_event (business_key, event_type);

-- copied onto each leg when it is planned, so the ordering check reads the ledger alone
ALTER TABLE hub_delivery_leg ADD COLUMN business_key VARCHAR(200);
ALTER TABLE hub_delivery_leg ADD COLUMN ordered_at TIMESTAMP WITH TIME ZONE;      -- the event's Date, else its arrival
ALTER TABLE hub_delivery_leg ADD COLUMN held_by VARCHAR(36);                      -- the dead leg a held leg waits behind
ALTER TABLE hub_delivery_leg ADD COLUMN order_released_at TIMESTAMP WITH TIME ZONE; -- an operator let it go out of order

-- a leg waiting behind a dead leg of its key and destination is held
ALTER TABLE hub_delivery_leg DROP CONSTRAINT ck_hub_delivery_leg_status;
ALTER TABLE hub_delivery_leg ADD CONSTRAINT ck_hub_delivery_leg_status
    CHECK (status IN ('pending', 'delivered', 'retrying', 'dead', 'skipped', 'held'));

-- the check before each attempt: the earliest unfinished leg of the key and destination before this one;
-- by status too, so a key with many delivered legs (a user saved every day) reads only its unfinished ones
CREATE INDEX ix_hub_delivery_leg_order ON hub_delivery_leg (business_key, destination, status, ordered_at, event_id);
