-- Upsert one oc_address row. Named parameters are the columns produced by
-- mappings/database/address.jsonata (a column the mapping leaves out is NULL), plus last_event_id and
-- last_event_type. An older event never overwrites a newer one: source_date is the webhook's Date.
-- Standard SQL MERGE: runs unchanged on H2 and PostgreSQL (15 or later).
MERGE INTO oc_address t
USING (VALUES (
    CAST(:#owner_id AS VARCHAR(100)),
    CAST(:#id AS VARCHAR(100)),
    CAST(:#owner_type AS VARCHAR(20)),
    CAST(:#company_name AS VARCHAR(200)),
    CAST(:#first_name AS VARCHAR(200)),
    CAST(:#last_name AS VARCHAR(200)),
    CAST(:#street1 AS VARCHAR(300)),
    CAST(:#street2 AS VARCHAR(300)),
    CAST(:#city AS VARCHAR(200)),
    CAST(:#state AS VARCHAR(100)),
    CAST(:#zip AS VARCHAR(40)),
    CAST(:#country AS VARCHAR(10)),
    CAST(:#phone AS VARCHAR(100)),
    CAST(:#address_name AS VARCHAR(200)),
    CAST(:#deleted AS BOOLEAN),
    CAST(:#raw_json AS TEXT),
    CAST(:#last_event_id AS VARCHAR(36)),
    CAST(:#last_event_type AS VARCHAR(120)),
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
