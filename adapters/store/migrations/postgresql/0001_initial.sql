-- 0001_initial (PostgreSQL): the tables the engine runs on. Its SQLite twin has the same tables,
-- columns and constraints; a change to one is made to both, as the next migration of each.
--
-- Times are timestamptz (UTC instants), JSON is jsonb. Ids are uuids the engine makes, stored as
-- text as on SQLite, so the runtime binds them the same way on both backends.
-- The migrator runs this file in one transaction: no BEGIN/COMMIT here, and nothing that cannot
-- run inside a transaction (CREATE INDEX CONCURRENTLY).

CREATE TABLE definitions (
    name      text        NOT NULL,
    version   integer     NOT NULL CHECK (version >= 1),
    -- The YAML as it was loaded: an instance keeps the version it started with, even after the
    -- file on disk has moved on.
    source    text        NOT NULL,
    -- sha256 of source, hex: a file that changed under an unchanged version is refused at load.
    checksum  text        NOT NULL,
    loaded_at timestamptz NOT NULL,
    PRIMARY KEY (name, version)
);

CREATE TABLE instances (
    id                 text        NOT NULL PRIMARY KEY
                       CHECK (id ~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'),
    workflow           text        NOT NULL,
    definition_version integer     NOT NULL,
    state              text        NOT NULL,
    data               jsonb       NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(data) = 'object'),
    parent_id          text        REFERENCES instances (id),
    -- Optimistic concurrency: every transition writes `version + 1 ... WHERE version = ?`.
    version            bigint      NOT NULL DEFAULT 1 CHECK (version >= 1),
    created_at         timestamptz NOT NULL,
    updated_at         timestamptz NOT NULL,
    FOREIGN KEY (workflow, definition_version) REFERENCES definitions (name, version)
);
-- GET /v1/instances?workflow=&state=&cursor=: filter, then page in a stable order.
CREATE INDEX instances_by_workflow_state ON instances (workflow, state, created_at, id);
-- ?parent=, and guards that count a parent's children in a state.
CREATE INDEX instances_by_parent ON instances (parent_id, state);

-- One row per accepted event; seq runs 1, 2, 3 ... per instance with no gaps.
CREATE TABLE history (
    instance_id        text        NOT NULL REFERENCES instances (id) ON DELETE CASCADE,
    seq                bigint      NOT NULL CHECK (seq >= 1),
    event              text        NOT NULL,
    actor              text        NOT NULL,  -- who sent it; 'system' for timers and children
    actor_role         text        NOT NULL,
    payload            jsonb       NOT NULL DEFAULT '{}',
    from_state         text,                  -- NULL on the entry that created the instance
    to_state           text        NOT NULL,
    definition_version integer     NOT NULL,
    at                 timestamptz NOT NULL,
    PRIMARY KEY (instance_id, seq)
);

-- An event with an Idempotency-Key takes effect once; a replay returns the stored answer.
CREATE TABLE idempotency_keys (
    key             text        NOT NULL PRIMARY KEY,
    instance_id     text        REFERENCES instances (id) ON DELETE CASCADE,  -- NULL: refused before one existed
    -- sha256 of method, path and body: the same key sent with another request is refused.
    request_hash    text        NOT NULL,
    response_status integer     NOT NULL,
    -- json, not jsonb: jsonb reorders an object's keys, and a replay must be the first answer
    -- byte for byte.
    response        json        NOT NULL,
    created_at      timestamptz NOT NULL
);
CREATE INDEX idempotency_keys_by_created_at ON idempotency_keys (created_at);  -- expiry sweeps

CREATE TABLE timers (
    id               text        NOT NULL PRIMARY KEY,
    instance_id      text        NOT NULL REFERENCES instances (id) ON DELETE CASCADE,
    -- The definition's timer name: moving a timer (a postponed seminar) updates its row.
    name             text        NOT NULL,
    due_at           timestamptz NOT NULL,
    event            text        NOT NULL,
    state            text        NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'fired', 'cancelled')),
    -- A node claims due timers (FOR UPDATE SKIP LOCKED) for a while; if it dies, the lease runs
    -- out and another node fires them.
    lease_owner      text,
    lease_expires_at timestamptz,
    attempts         integer     NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    -- Why the instance refused the event the timer fired, kept for operators to see; NULL while
    -- the timer is pending and when its event took effect.
    refusal          text,
    CHECK ((lease_owner IS NULL) = (lease_expires_at IS NULL)),
    CHECK (refusal IS NULL OR state <> 'pending'),
    UNIQUE (instance_id, name)
);
-- What the scheduler claims, earliest first (id orders timers due at the same instant), and
-- when the next one is due.
CREATE INDEX timers_pending_by_due_at ON timers (due_at, id) WHERE state = 'pending';

-- Notifications to deliver, written in the transition's transaction (the transactional outbox).
-- A row is the notification as the engine made it; which endpoints and participants receive it
-- is resolved when it is delivered.
CREATE TABLE outbox (
    id               text        NOT NULL PRIMARY KEY,  -- stable: receivers dedupe on it
    instance_id      text        REFERENCES instances (id) ON DELETE SET NULL,
    template         text        NOT NULL,              -- what: the message template, e.g. seminar.planned
    -- Participant roles to address; empty: every participant.
    audience         jsonb       NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(audience) = 'array'),
    payload          jsonb       NOT NULL CHECK (jsonb_typeof(payload) = 'object'),
    -- 'dead': retries ran out; an operator can see it and replay it.
    status           text        NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'dead')),
    attempts         integer     NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    next_attempt_at  timestamptz NOT NULL,
    lease_owner      text,
    lease_expires_at timestamptz,
    last_error       text,
    created_at       timestamptz NOT NULL,
    delivered_at     timestamptz,
    CHECK ((lease_owner IS NULL) = (lease_expires_at IS NULL))
);
CREATE INDEX outbox_by_status_next_attempt ON outbox (status, next_attempt_at);
CREATE INDEX outbox_by_instance ON outbox (instance_id);

-- Events for other instances (a child telling its parent), written in the sender's transaction
-- and applied afterwards, at least once: marking one 'done' in the receiver's transaction makes
-- it take effect once.
CREATE TABLE signals (
    id                 text        NOT NULL PRIMARY KEY,
    target_instance_id text        NOT NULL REFERENCES instances (id) ON DELETE CASCADE,
    event              text        NOT NULL,
    actor              text        NOT NULL,
    actor_role         text        NOT NULL,
    payload            jsonb       NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(payload) = 'object'),
    state              text        NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'done')),
    -- Claimed like timers (FOR UPDATE SKIP LOCKED): a node that dies lets its lease run out and
    -- another applies it.
    lease_owner        text,
    lease_expires_at   timestamptz,
    attempts           integer     NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    created_at         timestamptz NOT NULL,
    -- Why the target instance refused the event, kept for operators to see; NULL while the signal
    -- is pending and when its event took effect.
    refusal            text,
    CHECK ((lease_owner IS NULL) = (lease_expires_at IS NULL)),
    CHECK (refusal IS NULL OR state <> 'pending')
);
-- What nodes claim, oldest first (id orders signals made at the same instant).
CREATE INDEX signals_pending_by_created_at ON signals (created_at, id) WHERE state = 'pending';

-- Who takes part in an instance, and in which role (the audiences `notify: {to: [...]}` names).
CREATE TABLE participants (
    instance_id  text        NOT NULL REFERENCES instances (id) ON DELETE CASCADE,
    -- A person, or a member unit that answers as a whole (a submission, a directive).
    kind         text        NOT NULL CHECK (kind IN ('person', 'unit')),
    ref          text        NOT NULL,  -- the person's or unit's id in the organisation's directory
    role         text        NOT NULL,  -- chair, organiser, guest, contributor ...
    display_name text        NOT NULL DEFAULT '',
    -- Channel to address: {"email": "...", "telegram": "..."}.
    contact      jsonb       NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(contact) = 'object'),
    language     text        NOT NULL DEFAULT 'vi',  -- the language of the templates this participant gets
    -- iCalendar's PARTSTAT, so calendar.ics says it as it is.
    rsvp         text        NOT NULL DEFAULT 'needs_action'
                 CHECK (rsvp IN ('needs_action', 'accepted', 'declined', 'tentative')),
    created_at   timestamptz NOT NULL,
    updated_at   timestamptz NOT NULL,
    PRIMARY KEY (instance_id, kind, ref, role)
);
CREATE INDEX participants_by_ref ON participants (kind, ref);  -- "what am I part of"
