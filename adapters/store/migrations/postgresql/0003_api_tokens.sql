-- 0003_api_tokens (PostgreSQL): the bearer tokens API callers present. The token itself is never
-- stored, only its SHA-256 (hex): someone who reads the database cannot call the API with what
-- they read. A plain SHA-256 is enough because a token is 256 random bits, not a password: there
-- is nothing to guess, so a slow, salted hash would buy nothing, and an unsalted one can be
-- looked up by its unique index in one step.
CREATE TABLE api_tokens (
    id           text        NOT NULL PRIMARY KEY
                 CHECK (id ~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'),
    name         text        NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    role         text        NOT NULL CHECK (role IN ('admin', 'organiser', 'member', 'reviewer', 'viewer')),
    -- The member units it acts for, a JSON array of their names; empty: none in particular.
    units        jsonb       NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(units) = 'array'),
    token_hash   text        NOT NULL UNIQUE CHECK (token_hash ~ '^[0-9a-f]{64}$'),
    created_at   timestamptz NOT NULL,
    -- Written at most about once a minute per token and node, not on every request.
    last_used_at timestamptz,
    revoked_at   timestamptz
);
-- `seminarflow tokens revoke NAME` names one token: names are unique among the tokens not
-- revoked, and a revoked token's name can be given to a new one.
CREATE UNIQUE INDEX api_tokens_active_name ON api_tokens (name) WHERE revoked_at IS NULL;
