-- 0004_deliveries (SQLite): where notifications go, and every try to take them there. Its
-- PostgreSQL twin has the same tables, columns and constraints.
--
-- A notification in the outbox is fanned out once to the endpoints that want it: one delivery
-- per (notification, endpoint), each with its own retries, so that a receiver that fails never
-- holds up the others. From here on an outbox row is 'delivered' once it was handed to its
-- deliveries (none when no endpoint wanted it); its attempts and last_error stay unused, and
-- the deliveries carry the state of each send.

-- A place notifications are sent: a receiver's webhook URL today, chat and email later.
CREATE TABLE endpoints (
    id               TEXT    NOT NULL PRIMARY KEY
                     CHECK (length(id) = 36 AND id NOT GLOB '*[^0-9a-f-]*'),
    -- Which Channel adapter sends to it: 'webhook' (Standard Webhooks + CloudEvents).
    channel          TEXT    NOT NULL CHECK (channel <> ''),
    url              TEXT    NOT NULL CHECK (url <> ''),
    description      TEXT    NOT NULL DEFAULT '',
    -- Signing secrets, 'whsec_' + base64, newest first. Every one signs each request while a
    -- receiver moves from the old to the new (rotation); then the old one is removed.
    secrets          TEXT    NOT NULL DEFAULT '[]' CHECK (json_valid(secrets) AND json_type(secrets) = 'array'),
    -- Notification types (template names) it receives; empty: all of them.
    event_types      TEXT    NOT NULL DEFAULT '[]' CHECK (json_valid(event_types) AND json_type(event_types) = 'array'),
    status           TEXT    NOT NULL DEFAULT 'enabled' CHECK (status IN ('enabled', 'disabled')),
    -- Why it was disabled (410 Gone, an operator ...), for operators to see.
    disabled_reason  TEXT,
    -- Delays between attempts in milliseconds, e.g. [5000, 300000]; NULL: the dispatcher's default.
    retry_schedule   TEXT    CHECK (retry_schedule IS NULL OR (json_valid(retry_schedule) AND json_type(retry_schedule) = 'array')),
    -- Sends in flight to it at once, over all nodes: a slow receiver holds at most this many.
    max_in_flight    INTEGER NOT NULL DEFAULT 4 CHECK (max_in_flight BETWEEN 1 AND 1000),
    -- Sends started per second at most, per node; NULL: no limit.
    rate_limit       INTEGER CHECK (rate_limit IS NULL OR rate_limit >= 1),
    created_at       TEXT    NOT NULL CHECK (created_at GLOB '????-??-??T??:??:??.???Z'),
    updated_at       TEXT    NOT NULL CHECK (updated_at GLOB '????-??-??T??:??:??.???Z'),
    CHECK ((status = 'disabled') = (disabled_reason IS NOT NULL))
) STRICT;

-- One notification on its way to one endpoint. Its id is the Standard Webhooks `webhook-id`:
-- stable across retries, so receivers dedupe on it.
CREATE TABLE deliveries (
    id               TEXT    NOT NULL PRIMARY KEY,
    notification_id  TEXT    NOT NULL REFERENCES outbox (id) ON DELETE CASCADE,
    endpoint_id      TEXT    NOT NULL REFERENCES endpoints (id) ON DELETE CASCADE,
    -- 'failed': ended by an answer that retrying would not change (a 4xx, a redirect, the
    -- endpoint gone); 'dead': the retry schedule ran out. Both wait for an operator's replay.
    status           TEXT    NOT NULL DEFAULT 'pending'
                     CHECK (status IN ('pending', 'delivered', 'failed', 'dead')),
    attempts         INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),  -- started, counted at claim
    next_attempt_at  TEXT    NOT NULL CHECK (next_attempt_at GLOB '????-??-??T??:??:??.???Z'),
    -- A node claims a due delivery while it sends; if it dies, the lease runs out and another
    -- sends it again (at least once).
    lease_owner      TEXT,
    lease_expires_at TEXT    CHECK (lease_expires_at GLOB '????-??-??T??:??:??.???Z'),
    last_status_code INTEGER,
    last_error       TEXT,
    created_at       TEXT    NOT NULL CHECK (created_at GLOB '????-??-??T??:??:??.???Z'),
    finished_at      TEXT    CHECK (finished_at GLOB '????-??-??T??:??:??.???Z'),
    CHECK ((lease_owner IS NULL) = (lease_expires_at IS NULL)),
    CHECK ((status = 'pending') = (finished_at IS NULL)),
    UNIQUE (notification_id, endpoint_id)
) STRICT;
-- What dispatchers claim per endpoint, earliest first; and what is in flight to an endpoint.
CREATE INDEX deliveries_pending_by_endpoint ON deliveries (endpoint_id, next_attempt_at, id) WHERE status = 'pending';
-- When the next one is due, for a dispatcher to sleep until then.
CREATE INDEX deliveries_pending_by_due ON deliveries (next_attempt_at) WHERE status = 'pending';
-- Operators' listings: what failed or died since when.
CREATE INDEX deliveries_by_status ON deliveries (status, created_at);

-- Every try, kept: what the receiver answered and how long it took.
CREATE TABLE delivery_attempts (
    delivery_id      TEXT    NOT NULL REFERENCES deliveries (id) ON DELETE CASCADE,
    attempt          INTEGER NOT NULL CHECK (attempt >= 1),
    started_at       TEXT    NOT NULL CHECK (started_at GLOB '????-??-??T??:??:??.???Z'),
    latency_ms       INTEGER NOT NULL CHECK (latency_ms >= 0),
    status_code      INTEGER,  -- NULL: no answer (refused, timed out ...)
    -- How the dispatcher read the answer: success, retry, failure (final), disable (the endpoint).
    outcome          TEXT    NOT NULL CHECK (outcome IN ('success', 'retry', 'failure', 'disable')),
    response_excerpt TEXT    NOT NULL DEFAULT '',
    error            TEXT,
    node             TEXT    NOT NULL,
    PRIMARY KEY (delivery_id, attempt)
) STRICT, WITHOUT ROWID;
