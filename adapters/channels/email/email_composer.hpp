#pragma once
// A delivery to a participant, and the message rendered for it, as the email the relay is given.
// Pure: the channel renders and sends, this decides what goes in the message.
//
// Seminar invitations: every notification of the `seminar` workflow whose instance data holds
// `starts_at` carries an .ics (reminders, planning, postponements ...): METHOD:REQUEST with the
// seminar's title, venue, start and end, or METHOD:CANCEL once the seminar is cancelled: the same
// event as the calendar.ics export (engine/exports/seminar_calendar.hpp says how it stays one).
#include <optional>
#include <string>

#include "adapters/channels/email/mailbox.hpp"
#include "engine/exports/seminar_calendar.hpp"
#include "engine/model/delivery.hpp"
#include "engine/model/result.hpp"

namespace seminarflow::email {

// What the templates made of the notification, in the recipient's language.
struct MessageText {
    std::string language;
    std::string subject;
    std::string body;
};

// The envelope's recipient and the whole message (headers and body, CRLF lines), or why the
// delivery cannot be an email (no recipient, an address no relay would take).
struct ComposedEmail {
    std::string recipient;  // RCPT TO
    std::string data;       // DATA
};
Result<ComposedEmail, std::string> compose_email(const Delivery& delivery, const Mailbox& from,
                                                 const MessageText& text, Time sent_at);

// The calendar event a seminar's notification carries, if it is one (see above).
std::optional<CalendarEvent> seminar_event(const Delivery& delivery, const Mailbox& organizer,
                                           const Mailbox& attendee, const MessageText& text);

}  // namespace seminarflow::email
