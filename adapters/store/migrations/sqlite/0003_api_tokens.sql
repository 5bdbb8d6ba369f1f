-- 0003_api_tokens (SQLite): the bearer tokens API callers present. The token itself is never
-- stored, only its SHA-256 (hex): someone who reads the database cannot call the API with what
-- they read. A plain SHA-256 is enough because a token is 256 random bits, not a password: there
-- is nothing to guess, so a slow, salted hash would buy nothing, and an unsalted one can be
-- looked up by its unique index in one step.
CREATE TABLE api_tokens (
    id           TEXT NOT NULL PRIMARY KEY
                 CHECK (length(id) = 36 AND id NOT GLOB '*[^0-9a-f-]*'),
    name         TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    role         TEXT NOT NULL CHECK (role IN ('admin', 'organiser', 'member', 'reviewer', 'viewer')),
    -- The member units it acts for, a JSON array of their names; empty: none in particular.
    units        TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(units) AND json_type(units) = 'array'),
    token_hash   TEXT NOT NULL UNIQUE
                 CHECK (length(token_hash) = 64 AND token_hash NOT GLOB '*[^0-9a-f]*'),
    created_at   TEXT NOT NULL CHECK (created_at GLOB '????-??-??T??:??:??.???Z'),
    -- Written at most about once a minute per token and node, not on every request.
    last_used_at TEXT CHECK (last_used_at GLOB '????-??-??T??:??:??.???Z'),
    revoked_at   TEXT CHECK (revoked_at GLOB '????-??-??T??:??:??.???Z')
) STRICT;
-- `seminarflow tokens revoke NAME` names one token: names are unique among the tokens not
-- revoked, and a revoked token's name can be given to a new one.
CREATE UNIQUE INDEX api_tokens_active_name ON api_tokens (name) WHERE revoked_at IS NULL;
