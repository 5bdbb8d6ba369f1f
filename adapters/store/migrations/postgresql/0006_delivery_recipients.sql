-- 0006_delivery_recipients (PostgreSQL): deliveries to participants (the email channel), and the
-- settings of an endpoint's channel. Its SQLite twin has the same columns and constraints.
--
-- A webhook endpoint gets one delivery per notification, as before. An endpoint whose channel
-- addresses participants (email) gets one per recipient: each participant of the instance in the
-- notification's audience with an address for that channel, once per address. The recipient is
-- copied into the delivery when it is fanned out, so a retry next week sends to whom it was meant
-- for then, and each recipient has its own retries: one refused mailbox holds up no other.

-- What a channel needs beyond the URL: for email {"from": "...", "tls": "required"}.
ALTER TABLE endpoints ADD COLUMN settings jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(settings) = 'object');

ALTER TABLE deliveries
    -- '' for a delivery to the endpoint itself (a webhook); the recipient's address, lower case,
    -- for one to a participant: what a notification reaches once per endpoint.
    ADD COLUMN recipient_key      text NOT NULL DEFAULT '',
    -- The participant, as it was at fan-out; all NULL exactly when recipient_key is ''.
    ADD COLUMN recipient_kind     text CHECK (recipient_kind IN ('person', 'unit')),
    ADD COLUMN recipient_ref      text,
    ADD COLUMN recipient_role     text,
    ADD COLUMN recipient_name     text,
    ADD COLUMN recipient_address  text,
    ADD COLUMN recipient_language text,
    ADD CHECK ((recipient_key = '') = (recipient_address IS NULL)),
    ADD CHECK ((recipient_address IS NULL) = (recipient_kind IS NULL) AND (recipient_kind IS NULL) = (recipient_ref IS NULL)
               AND (recipient_ref IS NULL) = (recipient_role IS NULL) AND (recipient_role IS NULL) = (recipient_name IS NULL)
               AND (recipient_name IS NULL) = (recipient_language IS NULL)),
    DROP CONSTRAINT deliveries_notification_id_endpoint_id_key,
    ADD CONSTRAINT deliveries_once_per_recipient UNIQUE (notification_id, endpoint_id, recipient_key);
