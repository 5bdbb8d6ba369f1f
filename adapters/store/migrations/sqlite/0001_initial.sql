-- 0001_initial (SQLite): the tables the engine runs on. Its PostgreSQL twin has the same tables,
-- columns and constraints; a change to one is made to both, as the next migration of each.
--
-- Times are TEXT: ISO-8601 in UTC with milliseconds, 'YYYY-MM-DDTHH:MM:SS.sssZ', and the CHECKs
-- keep them to exactly that shape. Text rather than integer epoch milliseconds because
--   * one width and one zone make text order time order, so indexes and `due_at <= ?` work as
--     they do on timestamptz;
--   * the same literal binds to a timestamptz column on PostgreSQL, so the runtime's SQL and
--     bindings are one for both backends;
--   * SQLite's date functions read it, and a person looking with the sqlite3 shell reads dates.
-- JSON is TEXT checked by json_valid (jsonb on PostgreSQL). Ids are uuids the engine makes,
-- stored as text on both backends for the same reason as times.
-- STRICT: a value of the wrong type is refused instead of silently stored.
-- The migrator runs this file in one transaction: no BEGIN/COMMIT here.

CREATE TABLE definitions (
    name      TEXT    NOT NULL,
    version   INTEGER NOT NULL CHECK (version >= 1),
    -- The YAML as it was loaded: an instance keeps the version it started with, even after the
    -- file on disk has moved on.
    source    TEXT    NOT NULL,
    -- sha256 of source, hex: a file that changed under an unchanged version is refused at load.
    checksum  TEXT    NOT NULL,
    loaded_at TEXT    NOT NULL CHECK (loaded_at GLOB '????-??-??T??:??:??.???Z'),
    PRIMARY KEY (name, version)
) STRICT;

CREATE TABLE instances (
    id                 TEXT    NOT NULL PRIMARY KEY
                       CHECK (length(id) = 36 AND id NOT GLOB '*[^0-9a-f-]*'),
    workflow           TEXT    NOT NULL,
    definition_version INTEGER NOT NULL,
    state              TEXT    NOT NULL,
    data               TEXT    NOT NULL DEFAULT '{}'
                       CHECK (json_valid(data) AND json_type(data) = 'object'),
    parent_id          TEXT    REFERENCES instances (id),
    -- Optimistic concurrency: every transition writes `version + 1 ... WHERE version = ?`.
    version            INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
    created_at         TEXT    NOT NULL CHECK (created_at GLOB '????-??-??T??:??:??.???Z'),
    updated_at         TEXT    NOT NULL CHECK (updated_at GLOB '????-??-??T??:??:??.???Z'),
    FOREIGN KEY (workflow, definition_version) REFERENCES definitions (name, version)
) STRICT;
-- GET /v1/instances?workflow=&state=&cursor=: filter, then page in a stable order.
CREATE INDEX instances_by_workflow_state ON instances (workflow, state, created_at, id);
-- ?parent=, and guards that count a parent's children in a state.
CREATE INDEX instances_by_parent ON instances (parent_id, state);

-- One row per accepted event; seq runs 1, 2, 3 ... per instance with no gaps.
CREATE TABLE history (
    instance_id        TEXT    NOT NULL REFERENCES instances (id) ON DELETE CASCADE,
    seq                INTEGER NOT NULL CHECK (seq >= 1),
    event              TEXT    NOT NULL,
    actor              TEXT    NOT NULL,  -- who sent it; 'system' for timers and children
    actor_role         TEXT    NOT NULL,
    payload            TEXT    NOT NULL DEFAULT '{}' CHECK (json_valid(payload)),
    from_state         TEXT,              -- NULL on the entry that created the instance
    to_state           TEXT    NOT NULL,
    definition_version INTEGER NOT NULL,
    at                 TEXT    NOT NULL CHECK (at GLOB '????-??-??T??:??:??.???Z'),
    PRIMARY KEY (instance_id, seq)
) STRICT, WITHOUT ROWID;  -- the table that grows most is read by instance, in seq order

-- An event with an Idempotency-Key takes effect once; a replay returns the stored answer.
CREATE TABLE idempotency_keys (
    key             TEXT    NOT NULL PRIMARY KEY,
    instance_id     TEXT    REFERENCES instances (id) ON DELETE CASCADE,  -- NULL: refused before one existed
    -- sha256 of method, path and body: the same key sent with another request is refused.
    request_hash    TEXT    NOT NULL,
    response_status INTEGER NOT NULL,
    response        TEXT    NOT NULL CHECK (json_valid(response)),
    created_at      TEXT    NOT NULL CHECK (created_at GLOB '????-??-??T??:??:??.???Z')
) STRICT;
CREATE INDEX idempotency_keys_by_created_at ON idempotency_keys (created_at);  -- expiry sweeps

CREATE TABLE timers (
    id               TEXT    NOT NULL PRIMARY KEY,
    instance_id      TEXT    NOT NULL REFERENCES instances (id) ON DELETE CASCADE,
    -- The definition's timer name: moving a timer (a postponed seminar) updates its row.
    name             TEXT    NOT NULL,
    due_at           TEXT    NOT NULL CHECK (due_at GLOB '????-??-??T??:??:??.???Z'),
    event            TEXT    NOT NULL,
    state            TEXT    NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'fired', 'cancelled')),
    -- A node claims a due timer for a while; if it dies, the lease runs out and another fires it.
    lease_owner      TEXT,
    lease_expires_at TEXT    CHECK (lease_expires_at GLOB '????-??-??T??:??:??.???Z'),
    attempts         INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    -- Why the instance refused the event the timer fired, kept for operators to see; NULL while
    -- the timer is pending and when its event took effect.
    refusal          TEXT,
    CHECK ((lease_owner IS NULL) = (lease_expires_at IS NULL)),
    CHECK (refusal IS NULL OR state <> 'pending'),
    UNIQUE (instance_id, name)
) STRICT;
-- What the scheduler claims, earliest first (id orders timers due at the same instant), and
-- when the next one is due.
CREATE INDEX timers_pending_by_due_at ON timers (due_at, id) WHERE state = 'pending';

-- Notifications to deliver, written in the transition's transaction (the transactional outbox).
-- A row is the notification as the engine made it; which endpoints and participants receive it
-- is resolved when it is delivered.
CREATE TABLE outbox (
    id               TEXT    NOT NULL PRIMARY KEY,  -- stable: receivers dedupe on it
    instance_id      TEXT    REFERENCES instances (id) ON DELETE SET NULL,
    template         TEXT    NOT NULL,              -- what: the message template, e.g. seminar.planned
    -- Participant roles to address; empty: every participant.
    audience         TEXT    NOT NULL DEFAULT '[]' CHECK (json_valid(audience) AND json_type(audience) = 'array'),
    payload          TEXT    NOT NULL CHECK (json_valid(payload) AND json_type(payload) = 'object'),
    -- 'dead': retries ran out; an operator can see it and replay it.
    status           TEXT    NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'dead')),
    attempts         INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    next_attempt_at  TEXT    NOT NULL CHECK (next_attempt_at GLOB '????-??-??T??:??:??.???Z'),
    lease_owner      TEXT,
    lease_expires_at TEXT    CHECK (lease_expires_at GLOB '????-??-??T??:??:??.???Z'),
    last_error       TEXT,
    created_at       TEXT    NOT NULL CHECK (created_at GLOB '????-??-??T??:??:??.???Z'),
    delivered_at     TEXT    CHECK (delivered_at GLOB '????-??-??T??:??:??.???Z'),
    CHECK ((lease_owner IS NULL) = (lease_expires_at IS NULL))
) STRICT;
CREATE INDEX outbox_by_status_next_attempt ON outbox (status, next_attempt_at);
CREATE INDEX outbox_by_instance ON outbox (instance_id);

-- Events for other instances (a child telling its parent), written in the sender's transaction
-- and applied afterwards, at least once: marking one 'done' in the receiver's transaction makes
-- it take effect once.
CREATE TABLE signals (
    id                 TEXT    NOT NULL PRIMARY KEY,
    target_instance_id TEXT    NOT NULL REFERENCES instances (id) ON DELETE CASCADE,
    event              TEXT    NOT NULL,
    actor              TEXT    NOT NULL,
    actor_role         TEXT    NOT NULL,
    payload            TEXT    NOT NULL DEFAULT '{}' CHECK (json_valid(payload) AND json_type(payload) = 'object'),
    state              TEXT    NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'done')),
    -- Claimed like timers: a node that dies lets its lease run out and another applies it.
    lease_owner        TEXT,
    lease_expires_at   TEXT    CHECK (lease_expires_at GLOB '????-??-??T??:??:??.???Z'),
    attempts           INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    created_at         TEXT    NOT NULL CHECK (created_at GLOB '????-??-??T??:??:??.???Z'),
    -- Why the target instance refused the event, kept for operators to see; NULL while the signal
    -- is pending and when its event took effect.
    refusal            TEXT,
    CHECK ((lease_owner IS NULL) = (lease_expires_at IS NULL)),
    CHECK (refusal IS NULL OR state <> 'pending')
) STRICT;
-- What nodes claim, oldest first (id orders signals made at the same instant).
CREATE INDEX signals_pending_by_created_at ON signals (created_at, id) WHERE state = 'pending';

-- Who takes part in an instance, and in which role (the audiences `notify: {to: [...]}` names).
CREATE TABLE participants (
    instance_id  TEXT NOT NULL REFERENCES instances (id) ON DELETE CASCADE,
    -- A person, or a member unit that answers as a whole (a submission, a directive).
    kind         TEXT NOT NULL CHECK (kind IN ('person', 'unit')),
    ref          TEXT NOT NULL,  -- the person's or unit's id in the organisation's directory
    role         TEXT NOT NULL,  -- chair, organiser, guest, contributor ...
    display_name TEXT NOT NULL DEFAULT '',
    -- Channel to address: {"email": "...", "telegram": "..."}.
    contact      TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(contact) AND json_type(contact) = 'object'),
    language     TEXT NOT NULL DEFAULT 'vi',  -- the language of the templates this participant gets
    -- iCalendar's PARTSTAT, so calendar.ics says it as it is.
    rsvp         TEXT NOT NULL DEFAULT 'needs_action'
                 CHECK (rsvp IN ('needs_action', 'accepted', 'declined', 'tentative')),
    created_at   TEXT NOT NULL CHECK (created_at GLOB '????-??-??T??:??:??.???Z'),
    updated_at   TEXT NOT NULL CHECK (updated_at GLOB '????-??-??T??:??:??.???Z'),
    PRIMARY KEY (instance_id, kind, ref, role)
) STRICT;
CREATE INDEX participants_by_ref ON participants (kind, ref);  -- "what am I part of"
