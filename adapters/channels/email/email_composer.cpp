#include "adapters/channels/email/email_composer.hpp"

#include "adapters/channels/email/mail_message.hpp"

namespace seminarflow::email {
std::optional<CalendarEvent> seminar_event(const Delivery& delivery, const Mailbox& organizer,
                                           const Mailbox& attendee, const MessageText& text) {
    const boost::json::object& payload = delivery.notification.payload;
    if (seminarflow::text_field(payload, "workflow") != "seminar") return std::nullopt;
    const auto* data = payload.if_contains("data");
    if (!data || !data->is_object()) return std::nullopt;
    auto event = seminar_event_of(delivery.notification.instance_id, data->as_object(),
                                  seminarflow::text_field(payload, "to") == "cancelled");
    if (!event) return std::nullopt;
    event->method = event->cancelled ? CalendarMethod::cancel : CalendarMethod::request;
    event->stamp = delivery.notification.created_at;
    if (event->summary.empty()) event->summary = text.subject;
    event->description = text.body;
    event->organizer = CalendarPerson{organizer.display_name, organizer.address};
    event->attendee = CalendarPerson{attendee.display_name, attendee.address};
    return event;
}

Result<ComposedEmail, std::string> compose_email(const Delivery& delivery, const Mailbox& from,
                                                 const MessageText& text, Time sent_at) {
    if (!delivery.recipient) {
        return fail("delivery " + delivery.id + " names no recipient: an email endpoint sends to participants");
    }
    auto address = check_address(delivery.recipient->address);
    if (!address) return fail("the recipient's address: " + address.error());
    const Mailbox to{delivery.recipient->display_name, std::move(address).value()};
    MailContent content;
    content.from = from;
    content.to = to;
    content.subject = text.subject;
    content.text = text.body;
    content.language = text.language;
    // The delivery's id, the same on every retry: a mailbox that got the message twice (the relay
    // took it, its answer was lost) can tell.
    content.message_id = delivery.id + "@" + from.domain();
    content.date = sent_at;
    if (const auto event = seminar_event(delivery, from, to, text)) {
        content.calendar = CalendarPart{event->cancelled ? "CANCEL" : "REQUEST", calendar_text(*event)};
    }
    return ComposedEmail{to.address, mail_text(content)};
}

}  // namespace seminarflow::email
