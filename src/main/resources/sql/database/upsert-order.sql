-- Upsert one oc_order row. Named parameters are the columns produced by
-- mappings/database/order.jsonata (a column the mapping leaves out is NULL), plus last_event_id and
-- last_event_type. An older event never overwrites a newer one: source_date is the webhook's Date.
-- Standard SQL MERGE: runs unchanged on H2 and PostgreSQL (15 or later). Text is cast to VARCHAR without a
-- length so that an over-long value is rejected by the column (a dead leg), never silently cut.
MERGE INTO oc_order t
USING (VALUES (
    CAST(:#id AS VARCHAR),
    CAST(:#direction AS VARCHAR),
    CAST(:#from_company_id AS VARCHAR),
    CAST(:#from_user_id AS VARCHAR),
    CAST(:#to_company_id AS VARCHAR),
    CAST(:#status AS VARCHAR),
    CAST(:#is_submitted AS BOOLEAN),
    CAST(:#billing_address_id AS VARCHAR),
    CAST(:#shipping_address_id AS VARCHAR),
    CAST(:#line_item_count AS INTEGER),
    CAST(:#currency AS VARCHAR),
    CAST(:#subtotal AS NUMERIC(18, 4)),
    CAST(:#shipping_cost AS NUMERIC(18, 4)),
    CAST(:#tax_cost AS NUMERIC(18, 4)),
    CAST(:#promotion_discount AS NUMERIC(18, 4)),
    CAST(:#total AS NUMERIC(18, 4)),
    CAST(:#comments AS VARCHAR),
    CAST(:#date_created AS TIMESTAMP WITH TIME ZONE),
    CAST(:#date_submitted AS TIMESTAMP WITH TIME ZONE),
    CAST(:#date_approved AS TIMESTAMP WITH TIME ZONE),
    CAST(:#date_declined AS TIMESTAMP WITH TIME ZONE),
    CAST(:#date_canceled AS TIMESTAMP WITH TIME ZONE),
    CAST(:#date_completed AS TIMESTAMP WITH TIME ZONE),
    CAST(:#last_updated AS TIMESTAMP WITH TIME ZONE),
    CAST(:#raw_json AS TEXT),
    CAST(:#last_event_id AS VARCHAR),
    CAST(:#last_event_type AS VARCHAR),
    CAST(:#source_date AS TIMESTAMP WITH TIME ZONE)
)) AS s (id, direction, from_company_id, from_user_id, to_company_id, status, is_submitted, billing_address_id, shipping_address_id, line_item_count, currency, subtotal, shipping_cost, tax_cost, promotion_discount, total, comments, date_created, date_submitted, date_approved, date_declined, date_canceled, date_completed, last_updated, raw_json, last_event_id, last_event_type, source_date)
ON t.id = s.id
WHEN MATCHED AND (t.source_date IS NULL OR s.source_date IS NULL OR s.source_date >= t.source_date) THEN UPDATE SET
    direction = s.direction,
    from_company_id = s.from_company_id,
    from_user_id = s.from_user_id,
    to_company_id = s.to_company_id,
    status = s.status,
    is_submitted = s.is_submitted,
    billing_address_id = s.billing_address_id,
    shipping_address_id = s.shipping_address_id,
    line_item_count = s.line_item_count,
    currency = s.currency,
    subtotal = s.subtotal,
    shipping_cost = s.shipping_cost,
    tax_cost = s.tax_cost,
    promotion_discount = s.promotion_discount,
    total = s.total,
    comments = s.comments,
    date_created = s.date_created,
    date_submitted = s.date_submitted,
    date_approved = s.date_approved,
    date_declined = s.date_declined,
    date_canceled = s.date_canceled,
    date_completed = s.date_completed,
    last_updated = s.last_updated,
    raw_json = s.raw_json,
    last_event_id = s.last_event_id,
    last_event_type = s.last_event_type,
    source_date = s.source_date,
    written_at = CURRENT_TIMESTAMP
WHEN NOT MATCHED THEN INSERT (id, direction, from_company_id, from_user_id, to_company_id, status, is_submitted, billing_address_id, shipping_address_id, line_item_count, currency, subtotal, shipping_cost, tax_cost, promotion_discount, total, comments, date_created, date_submitted, date_approved, date_declined, date_canceled, date_completed, last_updated, raw_json, last_event_id, last_event_type, source_date, written_at)
    VALUES (s.id, s.direction, s.from_company_id, s.from_user_id, s.to_company_id, s.status, s.is_submitted, s.billing_address_id, s.shipping_address_id, s.line_item_count, s.currency, s.subtotal, s.shipping_cost, s.tax_cost, s.promotion_discount, s.total, s.comments, s.date_created, s.date_submitted, s.date_approved, s.date_declined, s.date_canceled, s.date_completed, s.last_updated, s.raw_json, s.last_event_id, s.last_event_type, s.source_date, CURRENT_TIMESTAMP)
