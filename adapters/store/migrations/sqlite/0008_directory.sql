-- 0008_directory (SQLite): the organisation's directory, the units in their hierarchy and the
-- people who belong to them. A participant's ref (kind 'unit' or 'person') names one of these;
-- participants keep no foreign key to them, so that instances made before the directory was
-- filled (or with names typed by hand) stay as they are. Its PostgreSQL twin has the same
-- columns and constraints.

CREATE TABLE units (
    ref        TEXT NOT NULL PRIMARY KEY CHECK (length(ref) BETWEEN 1 AND 200),
    -- federation > district | sector > grassroots > group (engine/model/directory.hpp)
    kind       TEXT NOT NULL CHECK (kind IN ('federation', 'district', 'sector', 'grassroots', 'group')),
    name       TEXT NOT NULL CHECK (length(name) >= 1),
    -- NULL at the top. The store refuses a batch that would make a unit its own ancestor.
    parent     TEXT REFERENCES units (ref),
    -- Channel -> address, the shape of a participant's contact: {"email": "...", "telegram": "..."}.
    contact    TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(contact) AND json_type(contact) = 'object'),
    language   TEXT NOT NULL DEFAULT 'vi' CHECK (language IN ('vi', 'en')),
    created_at TEXT NOT NULL CHECK (created_at GLOB '????-??-??T??:??:??.???Z'),
    updated_at TEXT NOT NULL CHECK (updated_at GLOB '????-??-??T??:??:??.???Z'),
    CHECK (parent IS NULL OR parent <> ref)
) STRICT;
-- A unit's children, page by page; the descendants' walk goes down this index.
CREATE INDEX units_by_parent ON units (parent, ref);
CREATE INDEX units_by_kind ON units (kind, ref);

CREATE TABLE people (
    ref        TEXT NOT NULL PRIMARY KEY CHECK (length(ref) BETWEEN 1 AND 200),
    name       TEXT NOT NULL CHECK (length(name) >= 1),
    unit       TEXT REFERENCES units (ref),  -- NULL: a guest from outside the organisation
    title      TEXT NOT NULL DEFAULT '',     -- position: Chủ tịch, Phó Chủ tịch ...
    contact    TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(contact) AND json_type(contact) = 'object'),
    language   TEXT NOT NULL DEFAULT 'vi' CHECK (language IN ('vi', 'en')),
    created_at TEXT NOT NULL CHECK (created_at GLOB '????-??-??T??:??:??.???Z'),
    updated_at TEXT NOT NULL CHECK (updated_at GLOB '????-??-??T??:??:??.???Z')
) STRICT;
CREATE INDEX people_by_unit ON people (unit, ref);
