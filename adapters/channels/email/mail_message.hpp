#pragma once
// One email as it goes over SMTP's DATA (RFC 5322, MIME RFC 2045-2049): headers folded and
// encoded (header_encoding.hpp), a multipart/alternative of the plain text and the same text as
// HTML, both UTF-8 in base64, and, for a seminar, the .ics invitation beside them in a
// multipart/mixed. Lines end with CRLF. Pure.
#include <optional>
#include <string>
#include <string_view>

#include "adapters/channels/email/mailbox.hpp"
#include "engine/exports/html_text.hpp"
#include "engine/model/time.hpp"

namespace seminarflow::email {

struct CalendarPart {
    std::string method;  // REQUEST or CANCEL: the same as the calendar's METHOD
    std::string text;    // the VCALENDAR (engine/exports/icalendar.hpp)
};

struct MailContent {
    Mailbox from;
    Mailbox to;
    std::string subject;     // one line, UTF-8
    std::string text;        // the body, UTF-8, lines separated by '\n'
    std::string language;    // Content-Language and the HTML's lang: "vi", "en"
    std::string message_id;  // "left@right", without the angle brackets
    Time date{};
    std::optional<CalendarPart> calendar;
};

std::string mail_text(const MailContent& content);

// The body as an HTML document: every character that means something in HTML escaped, blank
// lines between paragraphs, line breaks kept.
std::string html_body(std::string_view text, std::string_view language, std::string_view title);

// "Mon, 22 Nov 2026 23:25:00 +0000" (RFC 5322 section 3.3), in UTC.
std::string mail_date(Time time);

}  // namespace seminarflow::email
