-- 0010_commit_batch (PostgreSQL): a group commit batch written by ONE statement, in a transaction
-- of its own (adapters/store/bulk_commit_writer.hpp). The batch used to be BEGIN, one statement
-- per kind of row and COMMIT: five to seven round trips, each waking this server's backend and
-- the engine's writer thread in turn, for an event that changes one instance. It is now one call,
-- and the statement's own transaction commits as it returns.
--
-- The batch is one jsonb document: "size" (how many commits), then per kind of row an array of
-- rows, each naming its commit by index in "c". The three checks run first, in this order:
-- "moves" (compare-and-swap on the instance's version), "fired_timers" and "consumed_signals"
-- (still pending). A commit a check refuses is answered and takes no further part: none of its
-- rows are written. The answer is one letter per commit: 'c' committed, 'v' version conflict,
-- 'a' already consumed. When a commit cannot be answered as it would be alone (a check refuses
-- it after an earlier check of its own took effect, or a key was stored by a concurrent
-- request), the function raises, the statement's transaction rolls back with everything in it,
-- and the engine writes the batch one commit at a time.

-- Settles one check: ASKED are the commits it checked, PASSED those it took effect for.
CREATE FUNCTION seminarflow_batch_checked(INOUT answers text, INOUT refused integer[], INOUT wrote integer[],
                                          asked integer[], passed integer[], refusal text)
LANGUAGE plpgsql AS $$
DECLARE
    commit_index integer;
BEGIN
    FOREACH commit_index IN ARRAY asked LOOP
        IF commit_index = ANY (passed) THEN
            wrote := wrote || commit_index;
        ELSIF commit_index = ANY (wrote) THEN
            RAISE EXCEPTION 'commit % of the batch was refused after an earlier check of its own took effect',
                commit_index USING ERRCODE = 'SFB01';
        ELSE
            answers := overlay(answers PLACING refusal FROM commit_index + 1 FOR 1);
            refused := refused || commit_index;
        END IF;
    END LOOP;
END $$;

CREATE FUNCTION seminarflow_commit_batch(batch jsonb) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
    answers text := repeat('c', (batch ->> 'size')::integer);
    refused integer[] := '{}';
    wrote integer[] := '{}';
    asked integer[];
    passed integer[];
    keys_asked bigint;
    keys_stored bigint;
BEGIN
    IF batch ? 'moves' THEN
        SELECT coalesce(array_agg(r.c), '{}') INTO asked FROM jsonb_to_recordset(batch -> 'moves') AS r(c integer);
        WITH moved AS (
            UPDATE instances AS i SET state = r.state, data = r.data, version = i.version + 1, updated_at = r.updated_at
            FROM jsonb_to_recordset(batch -> 'moves')
                AS r(c integer, id text, expected bigint, state text, data jsonb, updated_at timestamptz)
            WHERE i.id = r.id AND i.version = r.expected RETURNING r.c)
        SELECT coalesce(array_agg(c), '{}') INTO passed FROM moved;
        SELECT * INTO answers, refused, wrote FROM seminarflow_batch_checked(answers, refused, wrote, asked, passed, 'v');
    END IF;

    IF batch ? 'fired_timers' THEN
        SELECT coalesce(array_agg(r.c), '{}') INTO asked FROM jsonb_to_recordset(batch -> 'fired_timers') AS r(c integer)
            WHERE r.c <> ALL (refused);
        WITH fired AS (
            UPDATE timers AS t SET state = 'fired', lease_owner = NULL, lease_expires_at = NULL, refusal = r.refusal
            FROM jsonb_to_recordset(batch -> 'fired_timers') AS r(c integer, instance_id text, name text, refusal text)
            WHERE r.c <> ALL (refused) AND t.instance_id = r.instance_id AND t.name = r.name AND t.state = 'pending'
            RETURNING r.c)
        SELECT coalesce(array_agg(c), '{}') INTO passed FROM fired;
        SELECT * INTO answers, refused, wrote FROM seminarflow_batch_checked(answers, refused, wrote, asked, passed, 'a');
    END IF;

    IF batch ? 'consumed_signals' THEN
        SELECT coalesce(array_agg(r.c), '{}') INTO asked FROM jsonb_to_recordset(batch -> 'consumed_signals') AS r(c integer)
            WHERE r.c <> ALL (refused);
        WITH consumed AS (
            UPDATE signals AS s SET state = 'done', lease_owner = NULL, lease_expires_at = NULL, refusal = r.refusal
            FROM jsonb_to_recordset(batch -> 'consumed_signals') AS r(c integer, id text, refusal text)
            WHERE r.c <> ALL (refused) AND s.id = r.id AND s.state = 'pending' RETURNING r.c)
        SELECT coalesce(array_agg(c), '{}') INTO passed FROM consumed;
        SELECT * INTO answers, refused, wrote FROM seminarflow_batch_checked(answers, refused, wrote, asked, passed, 'a');
    END IF;

    -- In the order the savepoint path keeps: instances before what refers to them, the keys last.
    -- Parents come before their children in the rows; foreign keys are checked at the end of each
    -- statement, so a child may name a parent inserted by the same INSERT.
    IF batch ? 'instances' THEN
        INSERT INTO instances (id, workflow, definition_version, state, data, parent_id, version, created_at, updated_at)
        SELECT id, workflow, definition_version, state, data, parent_id, 1, created_at, updated_at
        FROM jsonb_to_recordset(batch -> 'instances') AS r(c integer, id text, workflow text, definition_version integer,
            state text, data jsonb, parent_id text, created_at timestamptz, updated_at timestamptz)
        WHERE r.c <> ALL (refused);
    END IF;

    IF batch ? 'history' THEN
        INSERT INTO history (instance_id, seq, event, actor, actor_role, payload, from_state, to_state,
                             definition_version, at)
        SELECT instance_id, seq, event, actor, actor_role, payload, from_state, to_state, definition_version, at
        FROM jsonb_to_recordset(batch -> 'history') AS r(c integer, instance_id text, seq bigint, event text,
            actor text, actor_role text, payload jsonb, from_state text, to_state text, definition_version integer,
            at timestamptz)
        WHERE r.c <> ALL (refused);
    END IF;

    -- An existing (instance, name) moves and is armed again. (No timer is both scheduled and
    -- cancelled by one commit: the planner keeps its last effect.)
    IF batch ? 'timers_scheduled' THEN
        INSERT INTO timers (id, instance_id, name, due_at, event, state)
        SELECT id, instance_id, name, due_at, event, 'pending'
        FROM jsonb_to_recordset(batch -> 'timers_scheduled')
            AS r(c integer, id text, instance_id text, name text, due_at timestamptz, event text)
        WHERE r.c <> ALL (refused)
        ON CONFLICT (instance_id, name) DO UPDATE SET due_at = excluded.due_at, event = excluded.event,
            state = 'pending', lease_owner = NULL, lease_expires_at = NULL, attempts = 0, refusal = NULL;
    END IF;

    IF batch ? 'timers_cancelled' THEN
        UPDATE timers AS t SET state = 'cancelled', lease_owner = NULL, lease_expires_at = NULL
        FROM jsonb_to_recordset(batch -> 'timers_cancelled') AS r(c integer, instance_id text, name text)
        WHERE r.c <> ALL (refused) AND t.instance_id = r.instance_id AND t.name = r.name AND t.state = 'pending';
    END IF;

    IF batch ? 'notifications' THEN
        INSERT INTO outbox (id, instance_id, template, audience, payload, next_attempt_at, created_at)
        SELECT id, instance_id, template, audience, payload, created_at, created_at
        FROM jsonb_to_recordset(batch -> 'notifications') AS r(c integer, id text, instance_id text, template text,
            audience jsonb, payload jsonb, created_at timestamptz)
        WHERE r.c <> ALL (refused);
    END IF;

    IF batch ? 'signals' THEN
        INSERT INTO signals (id, target_instance_id, event, actor, actor_role, payload, created_at)
        SELECT id, target_instance_id, event, actor, actor_role, payload, created_at
        FROM jsonb_to_recordset(batch -> 'signals') AS r(c integer, id text, target_instance_id text, event text,
            actor text, actor_role text, payload jsonb, created_at timestamptz)
        WHERE r.c <> ALL (refused);
    END IF;

    -- The stored answer is text cast to json, never jsonb: a replay must be the first answer byte
    -- for byte.
    IF batch ? 'idempotency_keys' THEN
        SELECT count(*) INTO keys_asked FROM jsonb_to_recordset(batch -> 'idempotency_keys') AS r(c integer)
            WHERE r.c <> ALL (refused);
        WITH stored AS (
            INSERT INTO idempotency_keys (key, instance_id, request_hash, response_status, response, created_at)
            SELECT key, instance_id, request_hash, response_status, CAST(response AS json), created_at
            FROM jsonb_to_recordset(batch -> 'idempotency_keys') AS r(c integer, key text, instance_id text,
                request_hash text, response_status integer, response text, created_at timestamptz)
            WHERE r.c <> ALL (refused)
            ON CONFLICT (key) DO NOTHING RETURNING 1)
        SELECT count(*) INTO keys_stored FROM stored;
        IF keys_stored < keys_asked THEN
            RAISE EXCEPTION 'an Idempotency-Key of the batch was stored by a concurrent request' USING ERRCODE = 'SFB02';
        END IF;
    END IF;

    -- The other nodes' schedulers are told of a timer or signal committed, at COMMIT and only then.
    IF batch ? 'announce' AND EXISTS (
            SELECT 1 FROM jsonb_array_elements_text(batch -> 'announce' -> 'commits') AS a(c)
            WHERE CAST(a.c AS integer) <> ALL (refused)) THEN
        PERFORM pg_notify(batch -> 'announce' ->> 'channel', '');
    END IF;

    RETURN answers;
END $$;
