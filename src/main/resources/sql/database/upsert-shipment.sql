-- Upsert one oc_shipment row. Named parameters are the columns produced by
-- mappings/database/shipment.jsonata (a column the mapping leaves out is NULL), plus last_event_id and
-- last_event_type. An older event never overwrites a newer one: source_date is the webhook's Date.
-- Standard SQL MERGE: runs unchanged on H2 and PostgreSQL (15 or later). Text is cast to VARCHAR without a
-- length so that an over-long value is rejected by the column (a dead leg), never silently cut.
MERGE INTO oc_shipment t
USING (VALUES (
    CAST(:#id AS VARCHAR),
    CAST(:#buyer_id AS VARCHAR),
    CAST(:#shipper AS VARCHAR),
    CAST(:#tracking_number AS VARCHAR),
    CAST(:#account AS VARCHAR),
    CAST(:#cost AS NUMERIC(18, 4)),
    CAST(:#from_address_id AS VARCHAR),
    CAST(:#to_address_id AS VARCHAR),
    CAST(:#date_shipped AS TIMESTAMP WITH TIME ZONE),
    CAST(:#date_delivered AS TIMESTAMP WITH TIME ZONE),
    CAST(:#raw_json AS TEXT),
    CAST(:#last_event_id AS VARCHAR),
    CAST(:#last_event_type AS VARCHAR),
    CAST(:#source_date AS TIMESTAMP WITH TIME ZONE)
)) AS s (id, buyer_id, shipper, tracking_number, account, cost, from_address_id, to_address_id, date_shipped, date_delivered, raw_json, last_event_id, last_event_type, source_date)
ON t.id = s.id
WHEN MATCHED AND (t.source_date IS NULL OR s.source_date IS NULL OR s.source_date >= t.source_date) THEN UPDATE SET
    buyer_id = s.buyer_id,
    shipper = s.shipper,
    tracking_number = s.tracking_number,
    account = s.account,
    cost = s.cost,
    from_address_id = s.from_address_id,
    to_address_id = s.to_address_id,
    date_shipped = s.date_shipped,
    date_delivered = s.date_delivered,
    raw_json = s.raw_json,
    last_event_id = s.last_event_id,
    last_event_type = s.last_event_type,
    source_date = s.source_date,
    written_at = CURRENT_TIMESTAMP
WHEN NOT MATCHED THEN INSERT (id, buyer_id, shipper, tracking_number, account, cost, from_address_id, to_address_id, date_shipped, date_delivered, raw_json, last_event_id, last_event_type, source_date, written_at)
    VALUES (s.id, s.buyer_id, s.shipper, s.tracking_number, s.account, s.cost, s.from_address_id, s.to_address_id, s.date_shipped, s.date_delivered, s.raw_json, s.last_event_id, s.last_event_type, s.source_date, CURRENT_TIMESTAMP)
