-- 0004_deliveries (PostgreSQL): where notifications go, and every try to take them there. Its
-- SQLite twin has the same tables, columns and constraints.
--
-- A notification in the outbox is fanned out once to the endpoints that want it: one delivery
-- per (notification, endpoint), each with its own retries, so that a receiver that fails never
-- holds up the others. From here on an outbox row is 'delivered' once it was handed to its
-- deliveries (none when no endpoint wanted it); its attempts and last_error stay unused, and
-- the deliveries carry the state of each send.

-- A place notifications are sent: a receiver's webhook URL today, chat and email later.
CREATE TABLE endpoints (
    id               text        NOT NULL PRIMARY KEY
                     CHECK (id ~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'),
    -- Which Channel adapter sends to it: 'webhook' (Standard Webhooks + CloudEvents).
    channel          text        NOT NULL CHECK (channel <> ''),
    url              text        NOT NULL CHECK (url <> ''),
    description      text        NOT NULL DEFAULT '',
    -- Signing secrets, 'whsec_' + base64, newest first. Every one signs each request while a
    -- receiver moves from the old to the new (rotation); then the old one is removed.
    secrets          jsonb       NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(secrets) = 'array'),
    -- Notification types (template names) it receives; empty: all of them.
    event_types      jsonb       NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(event_types) = 'array'),
    status           text        NOT NULL DEFAULT 'enabled' CHECK (status IN ('enabled', 'disabled')),
    -- Why it was disabled (410 Gone, an operator ...), for operators to see.
    disabled_reason  text,
    -- Delays between attempts in milliseconds, e.g. [5000, 300000]; NULL: the dispatcher's default.
    retry_schedule   jsonb       CHECK (retry_schedule IS NULL OR jsonb_typeof(retry_schedule) = 'array'),
    -- Sends in flight to it at once, over all nodes: a slow receiver holds at most this many.
    max_in_flight    integer     NOT NULL DEFAULT 4 CHECK (max_in_flight BETWEEN 1 AND 1000),
    -- Sends started per second at most, per node; NULL: no limit.
    rate_limit       integer     CHECK (rate_limit IS NULL OR rate_limit >= 1),
    created_at       timestamptz NOT NULL,
    updated_at       timestamptz NOT NULL,
    CHECK ((status = 'disabled') = (disabled_reason IS NOT NULL))
);

-- One notification on its way to one endpoint. Its id is the Standard Webhooks `webhook-id`:
-- stable across retries, so receivers dedupe on it.
CREATE TABLE deliveries (
    id               text        NOT NULL PRIMARY KEY,
    notification_id  text        NOT NULL REFERENCES outbox (id) ON DELETE CASCADE,
    endpoint_id      text        NOT NULL REFERENCES endpoints (id) ON DELETE CASCADE,
    -- 'failed': ended by an answer that retrying would not change (a 4xx, a redirect, the
    -- endpoint gone); 'dead': the retry schedule ran out. Both wait for an operator's replay.
    status           text        NOT NULL DEFAULT 'pending'
                     CHECK (status IN ('pending', 'delivered', 'failed', 'dead')),
    attempts         integer     NOT NULL DEFAULT 0 CHECK (attempts >= 0),  -- started, counted at claim
    next_attempt_at  timestamptz NOT NULL,
    -- A node claims a due delivery while it sends; if it dies, the lease runs out and another
    -- sends it again (at least once).
    lease_owner      text,
    lease_expires_at timestamptz,
    last_status_code integer,
    last_error       text,
    created_at       timestamptz NOT NULL,
    finished_at      timestamptz,
    CHECK ((lease_owner IS NULL) = (lease_expires_at IS NULL)),
    CHECK ((status = 'pending') = (finished_at IS NULL)),
    UNIQUE (notification_id, endpoint_id)
);
-- What dispatchers claim per endpoint, earliest first; and what is in flight to an endpoint.
CREATE INDEX deliveries_pending_by_endpoint ON deliveries (endpoint_id, next_attempt_at, id) WHERE status = 'pending';
-- When the next one is due, for a dispatcher to sleep until then.
CREATE INDEX deliveries_pending_by_due ON deliveries (next_attempt_at) WHERE status = 'pending';
-- Operators' listings: what failed or died since when.
CREATE INDEX deliveries_by_status ON deliveries (status, created_at);

-- Every try, kept: what the receiver answered and how long it took.
CREATE TABLE delivery_attempts (
    delivery_id      text        NOT NULL REFERENCES deliveries (id) ON DELETE CASCADE,
    attempt          integer     NOT NULL CHECK (attempt >= 1),
    started_at       timestamptz NOT NULL,
    latency_ms       bigint      NOT NULL CHECK (latency_ms >= 0),
    status_code      integer,  -- NULL: no answer (refused, timed out ...)
    -- How the dispatcher read the answer: success, retry, failure (final), disable (the endpoint).
    outcome          text        NOT NULL CHECK (outcome IN ('success', 'retry', 'failure', 'disable')),
    response_excerpt text        NOT NULL DEFAULT '',
    error            text,
    node             text        NOT NULL,
    PRIMARY KEY (delivery_id, attempt)
);
