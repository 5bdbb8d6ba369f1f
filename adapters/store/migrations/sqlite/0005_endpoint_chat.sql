-- 0005_endpoint_chat (SQLite): endpoints on chat platforms. Its PostgreSQL twin adds the same
-- columns and constraints.
--
-- An endpoint's channel may now be a chat platform ('slack', 'teams', 'discord', 'telegram',
-- 'mattermost', 'google_chat') besides 'webhook'; a chat message is written for people, in the
-- endpoint's language, and some platforms need to be told where in them it goes.

-- The language messages to it are rendered in: 'vi' (the default) or 'en'. Two lower-case
-- letters here; which languages have templates is the application's to check.
ALTER TABLE endpoints ADD COLUMN language TEXT NOT NULL DEFAULT 'vi'
    CHECK (length(language) = 2 AND language NOT GLOB '*[^a-z]*');
-- Where in the platform the message goes when its URL does not say: Telegram's chat_id (a
-- number, or @channelusername). NULL for the others.
ALTER TABLE endpoints ADD COLUMN chat_id TEXT CHECK (chat_id IS NULL OR chat_id <> '');
