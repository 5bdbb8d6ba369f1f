-- 0008_directory (PostgreSQL): the organisation's directory, the units in their hierarchy and
-- the people who belong to them. A participant's ref (kind 'unit' or 'person') names one of
-- these; participants keep no foreign key to them, so that instances made before the directory
-- was filled (or with names typed by hand) stay as they are. Its SQLite twin has the same
-- columns and constraints.
--
-- Refs are compared byte by byte (COLLATE "C"), as SQLite does: pages come in the same order on
-- both, whatever the server's locale.

CREATE TABLE units (
    ref        text COLLATE "C" NOT NULL PRIMARY KEY CHECK (length(ref) BETWEEN 1 AND 200),
    -- federation > district | sector > grassroots > group (engine/model/directory.hpp)
    kind       text        NOT NULL CHECK (kind IN ('federation', 'district', 'sector', 'grassroots', 'group')),
    name       text        NOT NULL CHECK (length(name) >= 1),
    -- NULL at the top. The store refuses a batch that would make a unit its own ancestor.
    parent     text COLLATE "C" REFERENCES units (ref),
    -- Channel -> address, the shape of a participant's contact: {"email": "...", "telegram": "..."}.
    contact    jsonb       NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(contact) = 'object'),
    language   text        NOT NULL DEFAULT 'vi' CHECK (language IN ('vi', 'en')),
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL,
    CHECK (parent IS NULL OR parent <> ref)
);
-- A unit's children, page by page; the descendants' walk goes down this index.
CREATE INDEX units_by_parent ON units (parent, ref);
CREATE INDEX units_by_kind ON units (kind, ref);

CREATE TABLE people (
    ref        text COLLATE "C" NOT NULL PRIMARY KEY CHECK (length(ref) BETWEEN 1 AND 200),
    name       text        NOT NULL CHECK (length(name) >= 1),
    unit       text COLLATE "C" REFERENCES units (ref),  -- NULL: a guest from outside the organisation
    title      text        NOT NULL DEFAULT '',           -- position: Chủ tịch, Phó Chủ tịch ...
    contact    jsonb       NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(contact) = 'object'),
    language   text        NOT NULL DEFAULT 'vi' CHECK (language IN ('vi', 'en')),
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL
);
CREATE INDEX people_by_unit ON people (unit, ref);
