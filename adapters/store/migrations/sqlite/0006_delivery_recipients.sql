-- 0006_delivery_recipients (SQLite): deliveries to participants (the email channel), and the
-- settings of an endpoint's channel. Its PostgreSQL twin has the same columns and constraints.
--
-- A webhook endpoint gets one delivery per notification, as before. An endpoint whose channel
-- addresses participants (email) gets one per recipient: each participant of the instance in the
-- notification's audience with an address for that channel, once per address. The recipient is
-- copied into the delivery when it is fanned out, so a retry next week sends to whom it was meant
-- for then, and each recipient has its own retries: one refused mailbox holds up no other.
--
-- UNIQUE (notification_id, endpoint_id) becomes UNIQUE (notification_id, endpoint_id,
-- recipient_key). SQLite cannot drop a table constraint, so deliveries is made again, and
-- delivery_attempts with it (its foreign key names the table). Renaming deliveries_new to
-- deliveries rewrites the reference delivery_attempts_new holds (SQLite >= 3.26).

-- What a channel needs beyond the URL: for email {"from": "...", "tls": "required"}.
ALTER TABLE endpoints ADD COLUMN settings TEXT NOT NULL DEFAULT '{}'
    CHECK (json_valid(settings) AND json_type(settings) = 'object');

CREATE TABLE deliveries_new (
    id                 TEXT    NOT NULL PRIMARY KEY,
    notification_id    TEXT    NOT NULL REFERENCES outbox (id) ON DELETE CASCADE,
    endpoint_id        TEXT    NOT NULL REFERENCES endpoints (id) ON DELETE CASCADE,
    status             TEXT    NOT NULL DEFAULT 'pending'
                       CHECK (status IN ('pending', 'delivered', 'failed', 'dead')),
    attempts           INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    next_attempt_at    TEXT    NOT NULL CHECK (next_attempt_at GLOB '????-??-??T??:??:??.???Z'),
    lease_owner        TEXT,
    lease_expires_at   TEXT    CHECK (lease_expires_at GLOB '????-??-??T??:??:??.???Z'),
    last_status_code   INTEGER,
    last_error         TEXT,
    created_at         TEXT    NOT NULL CHECK (created_at GLOB '????-??-??T??:??:??.???Z'),
    finished_at        TEXT    CHECK (finished_at GLOB '????-??-??T??:??:??.???Z'),
    -- '' for a delivery to the endpoint itself (a webhook); the recipient's address, lower case,
    -- for one to a participant: what a notification reaches once per endpoint.
    recipient_key      TEXT    NOT NULL DEFAULT '',
    -- The participant, as it was at fan-out; all NULL exactly when recipient_key is ''.
    recipient_kind     TEXT    CHECK (recipient_kind IN ('person', 'unit')),
    recipient_ref      TEXT,
    recipient_role     TEXT,
    recipient_name     TEXT,
    recipient_address  TEXT,
    recipient_language TEXT,
    CHECK ((lease_owner IS NULL) = (lease_expires_at IS NULL)),
    CHECK ((status = 'pending') = (finished_at IS NULL)),
    CHECK ((recipient_key = '') = (recipient_address IS NULL)),
    CHECK ((recipient_address IS NULL) = (recipient_kind IS NULL) AND (recipient_kind IS NULL) = (recipient_ref IS NULL)
           AND (recipient_ref IS NULL) = (recipient_role IS NULL) AND (recipient_role IS NULL) = (recipient_name IS NULL)
           AND (recipient_name IS NULL) = (recipient_language IS NULL)),
    UNIQUE (notification_id, endpoint_id, recipient_key)
) STRICT;

CREATE TABLE delivery_attempts_new (
    delivery_id      TEXT    NOT NULL REFERENCES deliveries_new (id) ON DELETE CASCADE,
    attempt          INTEGER NOT NULL CHECK (attempt >= 1),
    started_at       TEXT    NOT NULL CHECK (started_at GLOB '????-??-??T??:??:??.???Z'),
    latency_ms       INTEGER NOT NULL CHECK (latency_ms >= 0),
    status_code      INTEGER,
    outcome          TEXT    NOT NULL CHECK (outcome IN ('success', 'retry', 'failure', 'disable')),
    response_excerpt TEXT    NOT NULL DEFAULT '',
    error            TEXT,
    node             TEXT    NOT NULL,
    PRIMARY KEY (delivery_id, attempt)
) STRICT, WITHOUT ROWID;

INSERT INTO deliveries_new (id, notification_id, endpoint_id, status, attempts, next_attempt_at, lease_owner,
                            lease_expires_at, last_status_code, last_error, created_at, finished_at)
    SELECT id, notification_id, endpoint_id, status, attempts, next_attempt_at, lease_owner, lease_expires_at,
           last_status_code, last_error, created_at, finished_at FROM deliveries;
INSERT INTO delivery_attempts_new SELECT delivery_id, attempt, started_at, latency_ms, status_code, outcome,
                                         response_excerpt, error, node FROM delivery_attempts;
DROP TABLE delivery_attempts;
DROP TABLE deliveries;
ALTER TABLE deliveries_new RENAME TO deliveries;
ALTER TABLE delivery_attempts_new RENAME TO delivery_attempts;

CREATE INDEX deliveries_pending_by_endpoint ON deliveries (endpoint_id, next_attempt_at, id) WHERE status = 'pending';
CREATE INDEX deliveries_pending_by_due ON deliveries (next_attempt_at) WHERE status = 'pending';
CREATE INDEX deliveries_by_status ON deliveries (status, created_at);
