-- A delivered leg can carry a note on how it was delivered, e.g. "sent without line items".
ALTER TABLE hub_delivery_leg ADD COLUMN note VARCHAR(500);
