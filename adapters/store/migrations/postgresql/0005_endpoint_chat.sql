-- 0005_endpoint_chat (PostgreSQL): endpoints on chat platforms. Its SQLite twin adds the same
-- columns and constraints.
--
-- An endpoint's channel may now be a chat platform ('slack', 'teams', 'discord', 'telegram',
-- 'mattermost', 'google_chat') besides 'webhook'; a chat message is written for people, in the
-- endpoint's language, and some platforms need to be told where in them it goes.

-- The language messages to it are rendered in: 'vi' (the default) or 'en'. Two lower-case
-- letters here; which languages have templates is the application's to check.
ALTER TABLE endpoints ADD COLUMN language text NOT NULL DEFAULT 'vi' CHECK (language ~ '^[a-z]{2}$');
-- Where in the platform the message goes when its URL does not say: Telegram's chat_id (a
-- number, or @channelusername). NULL for the others.
ALTER TABLE endpoints ADD COLUMN chat_id text CHECK (chat_id IS NULL OR chat_id <> '');
