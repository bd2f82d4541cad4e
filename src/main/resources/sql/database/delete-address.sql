-- Mark one oc_address row deleted (address.deleted), keeping what was known about it; an address the
-- table never saw is recorded as a tombstone. Named parameters come from
-- mappings/database/address-deleted.jsonata plus last_event_id and last_event_type.
MERGE INTO oc_address t
USING (VALUES (
    CAST(:#owner_id AS VARCHAR),
    CAST(:#id AS VARCHAR),
    CAST(:#owner_type AS VARCHAR),
    CAST(:#raw_json AS TEXT),
    CAST(:#last_event_id AS VARCHAR),
    CAST(:#last_event_type AS VARCHAR),
    CAST(:#source_date AS TIMESTAMP WITH TIME ZONE)
)) AS s (owner_id, id, owner_type, raw_json, last_event_id, last_event_type, source_date)
ON t.owner_id = s.owner_id AND t.id = s.id
WHEN MATCHED AND (t.source_date IS NULL OR s.source_date IS NULL OR s.source_date >= t.source_date) THEN UPDATE SET
    deleted = TRUE,
    last_event_id = s.last_event_id,
    last_event_type = s.last_event_type,
    source_date = s.source_date,
    written_at = CURRENT_TIMESTAMP
WHEN NOT MATCHED THEN INSERT (owner_id, id, owner_type, deleted, raw_json, last_event_id, last_event_type, source_date, written_at)
    VALUES (s.owner_id, s.id, s.owner_type, TRUE, s.raw_json, s.last_event_id, s.last_event_type, s.source_date, CURRENT_TIMESTAMP)
