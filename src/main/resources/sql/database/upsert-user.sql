-- Upsert one oc_user row. Named parameters are the columns produced by
-- mappings/database/user.jsonata (a column the mapping leaves out is NULL), plus last_event_id and
-- last_event_type. An older event never overwrites a newer one: source_date is the webhook's Date.
-- Standard SQL MERGE: runs unchanged on H2 and PostgreSQL (15 or later).
MERGE INTO oc_user t
USING (VALUES (
    CAST(:#company_id AS VARCHAR(100)),
    CAST(:#id AS VARCHAR(100)),
    CAST(:#user_type AS VARCHAR(20)),
    CAST(:#username AS VARCHAR(200)),
    CAST(:#first_name AS VARCHAR(200)),
    CAST(:#last_name AS VARCHAR(200)),
    CAST(:#email AS VARCHAR(320)),
    CAST(:#phone AS VARCHAR(100)),
    CAST(:#active AS BOOLEAN),
    CAST(:#date_created AS TIMESTAMP WITH TIME ZONE),
    CAST(:#last_active AS TIMESTAMP WITH TIME ZONE),
    CAST(:#raw_json AS TEXT),
    CAST(:#last_event_id AS VARCHAR(36)),
    CAST(:#last_event_type AS VARCHAR(120)),
    CAST(:#source_date AS TIMESTAMP WITH TIME ZONE)
)) AS s (company_id, id, user_type, username, first_name, last_name, email, phone, active, date_created, last_active, raw_json, last_event_id, last_event_type, source_date)
ON t.company_id = s.company_id AND t.id = s.id
WHEN MATCHED AND (t.source_date IS NULL OR s.source_date IS NULL OR s.source_date >= t.source_date) THEN UPDATE SET
    user_type = s.user_type,
    username = s.username,
    first_name = s.first_name,
    last_name = s.last_name,
    email = s.email,
    phone = s.phone,
    active = s.active,
    date_created = s.date_created,
    last_active = s.last_active,
    raw_json = s.raw_json,
    last_event_id = s.last_event_id,
    last_event_type = s.last_event_type,
    source_date = s.source_date,
    written_at = CURRENT_TIMESTAMP
WHEN NOT MATCHED THEN INSERT (company_id, id, user_type, username, first_name, last_name, email, phone, active, date_created, last_active, raw_json, last_event_id, last_event_type, source_date, written_at)
    VALUES (s.company_id, s.id, s.user_type, s.username, s.first_name, s.last_name, s.email, s.phone, s.active, s.date_created, s.last_active, s.raw_json, s.last_event_id, s.last_event_type, s.source_date, CURRENT_TIMESTAMP)
