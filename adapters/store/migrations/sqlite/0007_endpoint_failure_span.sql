-- 0007_endpoint_failure_span (SQLite): how long an endpoint has been failing, so that one failing
-- for too long (dispatcher.disable_after) is disabled and operators are told. Its PostgreSQL twin
-- has the same columns and indexes.

-- When the endpoint's tries began to fail: set by the first failed try after a success (or since
-- it was added or enabled), cleared by the next success. NULL: its last try succeeded.
ALTER TABLE endpoints ADD COLUMN failing_since TEXT
    CHECK (failing_since IS NULL OR failing_since GLOB '????-??-??T??:??:??.???Z');

-- GET /v1/deliveries?endpoint=: one endpoint's deliveries, newest first, page by page.
CREATE INDEX deliveries_by_endpoint ON deliveries (endpoint_id, created_at, id);
-- GET /v1/deliveries without a filter, newest first, page by page.
CREATE INDEX deliveries_by_created_at ON deliveries (created_at, id);
