-- The event store: every verified OrderCloud call, recorded once.
-- Runs unchanged on H2 (PostgreSQL mode) and PostgreSQL: portable types only, no vendor functions.

CREATE TABLE hub_event (
    id                VARCHAR(36)              NOT NULL,
    kind              VARCHAR(16)              NOT NULL,  -- pre | post | message
    event_type        VARCHAR(120)             NOT NULL,  -- order.submitted, message.ordersubmitted, unclassified
    route             VARCHAR(500),                       -- webhook Route (template), as sent
    verb              VARCHAR(10),                        -- webhook Verb
    log_id            VARCHAR(200),                       -- webhook LogID
    message_type      VARCHAR(100),                       -- Message Sender MessageType, as sent
    oc_log_id         VARCHAR(200),                       -- Message Sender OcLogIdHeader
    recipient         VARCHAR(200),                       -- Message Sender recipient (ID, e-mail or username)
    dedupe_key        VARCHAR(64)              NOT NULL,  -- SHA-256 of what makes a call "the same call again"
    body_sha256       VARCHAR(64)              NOT NULL,  -- SHA-256 of the raw body as received
    body_bytes        INTEGER                  NOT NULL,
    occurred_at       TIMESTAMP WITH TIME ZONE,           -- the payload's Date
    received_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    duplicates        INTEGER                  DEFAULT 0 NOT NULL,  -- how often OrderCloud sent it again
    last_duplicate_at TIMESTAMP WITH TIME ZONE,
    payload           TEXT                     NOT NULL,  -- redacted JSON: no UserToken, secrets as [redacted]
    sealed_secrets    TEXT,                               -- AES-GCM sealed secrets a later step needs, or null
    CONSTRAINT pk_hub_event PRIMARY KEY (id),
    CONSTRAINT uq_hub_event_dedupe UNIQUE (dedupe_key),
    CONSTRAINT ck_hub_event_kind CHECK (kind IN ('pre', 'post', 'message'))
);

-- the operations API lists newest first, optionally by type or kind
CREATE INDEX ix_hub_event_received ON hub_event (received_at, id);
CREATE INDEX ix_hub_event_type_received ON hub_event (event_type, received_at);
CREATE INDEX ix_hub_event_kind_received ON hub_event (kind, received_at);

-- pre-hook answers, recorded off the response path; a re-sent pre-hook is decided again
CREATE TABLE hub_prehook_decision (
    id           VARCHAR(36)              NOT NULL,
    event_id     VARCHAR(36)              NOT NULL,
    proceed      BOOLEAN                  NOT NULL,
    answer       TEXT                     NOT NULL,  -- the JSON sent to OrderCloud
    checks       TEXT,                               -- JSON: which checks ran and what they found
    duration_ms  INTEGER                  NOT NULL,
    decided_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_hub_prehook_decision PRIMARY KEY (id),
    CONSTRAINT fk_hub_prehook_decision_event FOREIGN KEY (event_id) REFERENCES hub_event (id)
);

CREATE INDEX ix_hub_prehook_decision_event ON hub_prehook_decision (event_id, decided_at);
