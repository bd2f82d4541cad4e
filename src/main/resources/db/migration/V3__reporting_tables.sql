-- Reporting tables written by the database destination: what reporting teams query.
-- Upserts on OrderCloud IDs; typed columns (money as decimal, times as timestamps); the raw entity JSON
-- beside them. source_date is the webhook's Date: an older event never overwrites a newer one.

CREATE TABLE oc_order (
    id                  VARCHAR(100)             NOT NULL,
    direction           VARCHAR(20),
    from_company_id     VARCHAR(100),
    from_user_id        VARCHAR(100),
    to_company_id       VARCHAR(100),
    status              VARCHAR(40),
    is_submitted        BOOLEAN,
    billing_address_id  VARCHAR(100),
    shipping_address_id VARCHAR(100),
    line_item_count     INTEGER,
    currency            VARCHAR(10),
    subtotal            NUMERIC(18, 4),
    shipping_cost       NUMERIC(18, 4),
    tax_cost            NUMERIC(18, 4),
    promotion_discount  NUMERIC(18, 4),
    total               NUMERIC(18, 4),
    comments            VARCHAR(2000),
    date_created        TIMESTAMP WITH TIME ZONE,
    date_submitted      TIMESTAMP WITH TIME ZONE,
    date_approved       TIMESTAMP WITH TIME ZONE,
    date_declined       TIMESTAMP WITH TIME ZONE,
    date_canceled       TIMESTAMP WITH TIME ZONE,
    date_completed      TIMESTAMP WITH TIME ZONE,
    last_updated        TIMESTAMP WITH TIME ZONE,
    raw_json            TEXT                     NOT NULL,
    last_event_id       VARCHAR(36)              NOT NULL,
    last_event_type     VARCHAR(120)             NOT NULL,
    source_date         TIMESTAMP WITH TIME ZONE,
    written_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_oc_order PRIMARY KEY (id)
);
CREATE INDEX ix_oc_order_buyer ON oc_order (from_company_id, date_submitted);
CREATE INDEX ix_oc_order_status ON oc_order (status, date_submitted);

CREATE TABLE oc_shipment (
    id              VARCHAR(100)             NOT NULL,
    buyer_id        VARCHAR(100),
    shipper         VARCHAR(200),
    tracking_number VARCHAR(200),
    account         VARCHAR(200),
    cost            NUMERIC(18, 4),
    from_address_id VARCHAR(100),
    to_address_id   VARCHAR(100),
    date_shipped    TIMESTAMP WITH TIME ZONE,
    date_delivered  TIMESTAMP WITH TIME ZONE,
    raw_json        TEXT                     NOT NULL,
    last_event_id   VARCHAR(36)              NOT NULL,
    last_event_type VARCHAR(120)             NOT NULL,
    source_date     TIMESTAMP WITH TIME ZONE,
    written_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_oc_shipment PRIMARY KEY (id)
);

-- user and address IDs are unique within their organisation (buyer, supplier, admin), so it is part of the key
CREATE TABLE oc_user (
    company_id      VARCHAR(100)             NOT NULL,  -- buyer or supplier ID, 'admin' or 'me'
    id              VARCHAR(100)             NOT NULL,
    user_type       VARCHAR(20)              NOT NULL,  -- buyer | supplier | admin | me
    username        VARCHAR(200),
    first_name      VARCHAR(200),
    last_name       VARCHAR(200),
    email           VARCHAR(320),
    phone           VARCHAR(100),
    active          BOOLEAN,
    date_created    TIMESTAMP WITH TIME ZONE,
    last_active     TIMESTAMP WITH TIME ZONE,
    raw_json        TEXT                     NOT NULL,
    last_event_id   VARCHAR(36)              NOT NULL,
    last_event_type VARCHAR(120)             NOT NULL,
    source_date     TIMESTAMP WITH TIME ZONE,
    written_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_oc_user PRIMARY KEY (company_id, id)
);

CREATE TABLE oc_address (
    owner_id        VARCHAR(100)             NOT NULL,  -- buyer or supplier ID, 'admin' or 'me'
    id              VARCHAR(100)             NOT NULL,
    owner_type      VARCHAR(20)              NOT NULL,  -- buyer | supplier | admin | me
    company_name    VARCHAR(200),
    first_name      VARCHAR(200),
    last_name       VARCHAR(200),
    street1         VARCHAR(300),
    street2         VARCHAR(300),
    city            VARCHAR(200),
    state           VARCHAR(100),
    zip             VARCHAR(40),
    country         VARCHAR(10),
    phone           VARCHAR(100),
    address_name    VARCHAR(200),
    deleted         BOOLEAN                  DEFAULT FALSE NOT NULL,
    raw_json        TEXT                     NOT NULL,
    last_event_id   VARCHAR(36)              NOT NULL,
    last_event_type VARCHAR(120)             NOT NULL,
    source_date     TIMESTAMP WITH TIME ZONE,
    written_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_oc_address PRIMARY KEY (owner_id, id)
);
