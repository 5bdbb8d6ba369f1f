#pragma once
// The .ics invitation a seminar's email carries (RFC 5545, iTIP method REQUEST or CANCEL per
// RFC 5546): one VEVENT whose UID is the same for every message about the instance, so that a
// calendar updates the one event when a postponement moves it rather than adding another.
// Lines are folded at 75 octets between characters, ended by CRLF; text values escaped. Pure.
#include <optional>
#include <string>
#include <string_view>

#include "adapters/channels/email/mailbox.hpp"
#include "engine/model/time.hpp"

namespace seminarflow::email {

struct CalendarEvent {
    std::string uid;
    bool cancelled = false;  // METHOD:CANCEL and STATUS:CANCELLED
    int sequence = 0;        // grows with each revision of the time (postponements)
    Time stamp{};            // DTSTAMP: when the message was made
    Time starts_at{};
    std::optional<Time> ends_at;
    std::string summary;
    std::string location;
    std::string description;
    Mailbox organizer;
    Mailbox attendee;
};

std::string calendar_text(const CalendarEvent& event);

// RFC 5545 section 3.3.11: backslash, semicolon, comma and line breaks escaped.
std::string escape_text(std::string_view text);
// Section 3.1: a content line cut into lines of at most 75 octets, never inside a character,
// each continuation starting with a space; every line ended by CRLF.
std::string fold_line(std::string_view line);
// "20270320T010000Z".
std::string utc_date_time(Time time);

}  // namespace seminarflow::email
