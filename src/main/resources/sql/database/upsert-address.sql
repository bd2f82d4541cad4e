-- Upsert one oc_address row. Named parameters are the columns produced by
-- mappings/database/address.jsonata (a column the mapping leaves out is NULL), plus last_event_id and
-- last_event_type. An older event never overwrites a newer one: source_date is the webhook's Date.
-- Standard SQL MERGE: runs unchanged on H2 and PostgreSQL (15 or later). Text is cast to VARCHAR without a
-- length so that an over-long value is rejected by the column (a dead leg), never silently cut.
MERGE INTO oc_address t
USING (VALUES (
    CAST(:#owner_id AS VARCHAR),
    CAST(:#id AS VARCHAR),
    CAST(:#owner_type AS VARCHAR),
    CAST(:#company_name AS VARCHAR),
    CAST(:#first_name AS VARCHAR),
    CAST(:#last_name AS VARCHAR),
    CAST(:#street1 AS VARCHAR),
    CAST(:#street2 AS VARCHAR),
    CAST(:#city AS VARCHAR),
    CAST(:#state AS VARCHAR),
    CAST(:#zip AS VARCHAR),
    CAST(:#country AS VARCHAR),
    CAST(:#phone AS VARCHAR),
    CAST(:#address_name AS VARCHAR),
    CAST(:#deleted AS BOOLEAN),
    CAST(:#raw_json AS TEXT),
    CAST(:#last_event_id AS VARCHAR),
    CAST(:#last_event_type AS VARCHAR),
    CAST(:#source_date AS TIMESTAMP WITH TIME ZONE)
)) AS s (owner_id, id, owner_type, company_name, first_name, last_name, street1, street2, city, state, zip, country, phone, address_name, deleted, raw_json, last_event_id, last_event_type, source_date)
ON t.owner_id = s.owner_id AND t.id = s.id
WHEN MATCHED AND (t.source_date IS NULL OR s.source_date IS NULL OR s.source_date >= t.source_date) THEN UPDATE SET
    owner_type = s.owner_type,
    company_name = s.company_name,
    first_name = s.first_name,
    last_name = s.last_name,
    street1 = s.street1,
    street2 = s.street2,
    city = s.city,
    state = s.state,
    zip = s.zip,
    country = s.country,
    phone = s.phone,
    address_name = s.address_name,
    deleted = s.deleted,
    raw_json = s.raw_json,
    last_event_id = s.last_event_id,
    last_event_type = s.last_event_type,
    source_date = s.source_date,
    written_at = CURRENT_TIMESTAMP
WHEN NOT MATCHED THEN INSERT (owner_id, id, owner_type, company_name, first_name, last_name, street1, street2, city, state, zip, country, phone, address_name, deleted, raw_json, last_event_id, last_event_type, source_date, written_at)
    VALUES (s.owner_id, s.id, s.owner_type, s.company_name, s.first_name, s.last_name, s.street1, s.street2, s.city, s.state, s.zip, s.country, s.phone, s.address_name, s.deleted, s.raw_json, s.last_event_id, s.last_event_type, s.source_date, CURRENT_TIMESTAMP)
