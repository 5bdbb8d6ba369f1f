#include "adapters/channels/email/email_composer.hpp"

#include "adapters/channels/email/mail_message.hpp"

namespace seminarflow::email {
namespace {

std::string string_member(const boost::json::object& object, std::string_view name) {
    const auto* value = object.if_contains(name);
    return value && value->is_string() ? std::string(value->as_string()) : std::string();
}

std::optional<Time> time_member(const boost::json::object& object, std::string_view name) {
    const auto* value = object.if_contains(name);
    if (!value || !value->is_string()) return std::nullopt;
    return parse_rfc3339(value->as_string());
}

}  // namespace

std::optional<CalendarEvent> seminar_event(const Delivery& delivery, const Mailbox& organizer,
                                           const Mailbox& attendee, const MessageText& text) {
    const boost::json::object& payload = delivery.notification.payload;
    if (string_member(payload, "workflow") != "seminar") return std::nullopt;
    const auto* data_value = payload.if_contains("data");
    if (!data_value || !data_value->is_object()) return std::nullopt;
    const boost::json::object& data = data_value->as_object();
    const auto starts_at = time_member(data, "starts_at");
    if (!starts_at || delivery.notification.instance_id.empty()) return std::nullopt;
    CalendarEvent event;
    event.uid = delivery.notification.instance_id + "@seminarflow";
    event.cancelled = string_member(payload, "to") == "cancelled";
    const auto* postponements = data.if_contains("postponements");
    if (postponements && postponements->is_int64() && postponements->as_int64() >= 0 &&
        postponements->as_int64() < 100000) {
        event.sequence = static_cast<int>(postponements->as_int64());
    }
    if (event.cancelled) ++event.sequence;
    event.stamp = delivery.notification.created_at;
    event.starts_at = *starts_at;
    event.ends_at = time_member(data, "ends_at");
    if (event.ends_at && *event.ends_at <= event.starts_at) event.ends_at.reset();  // no time at all: left out
    event.summary = string_member(data, "title");
    if (event.summary.empty()) event.summary = text.subject;
    event.location = string_member(data, "venue");
    event.description = text.body;
    event.organizer = organizer;
    event.attendee = attendee;
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
