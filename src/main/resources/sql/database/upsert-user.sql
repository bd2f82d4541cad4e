-- Upsert one oc_user row. Named parameters are the columns produced by
-- mappings/database/user.jsonata (a column the mapping leaves out is NULL), plus last_event_id and
-- last_event_type. An older event never overwrites a newer one: source_date is the webhook's Date.
-- Standard SQL MERGE: runs unchanged on H2 and PostgreSQL (15 or later). Text is cast to VARCHAR without a
-- length so that an over-long value is rejected by the column (a dead leg), never silently cut.
MERGE INTO oc_user t
USING (VALUES (
    CAST(:#company_id AS VARCHAR),
    CAST(:#id AS VARCHAR),
    CAST(:#user_type AS VARCHAR),
    CAST(:#username AS VARCHAR),
    CAST(:#first_name AS VARCHAR),
    CAST(:#last_name AS VARCHAR),
    CAST(:#email AS VARCHAR),
    CAST(:#phone AS VARCHAR),
    CAST(:#active AS BOOLEAN),
    CAST(:#date_created AS TIMESTAMP WITH TIME ZONE),
    CAST(:#last_active AS TIMESTAMP WITH TIME ZONE),
    CAST(:#raw_json AS TEXT),
    CAST(:#last_event_id AS VARCHAR),
    CAST(:#last_event_type AS VARCHAR),
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
