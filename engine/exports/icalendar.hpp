#pragma once
// The one iCalendar writer (RFC 5545): the .ics a seminar's email invitation carries (iTIP
// METHOD:REQUEST or CANCEL, RFC 5546) and the calendar.ics export (METHOD:PUBLISH) are the same
// VEVENT, so that a calendar that imported one and gets the other updates the one event.
// Lines are folded at 75 octets between characters, ended by CRLF; text values escaped. Pure.
//
// Times are written in UTC ("DTSTART:20270320T010000Z") rather than with a TZID and a VTIMEZONE:
// a UTC time is read the same by every calendar application, whereas a VTIMEZONE is compared
// with the application's own zone database (Outlook maps it to a Windows zone by its rules,
// Google by the TZID's name) and a mismatch shows the event hours off. A one-off event needs no
// recurrence rule across daylight-saving changes, which is all a TZID would add; the seminar's
// own wall clock is written in the description instead, for people to read.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/model/time.hpp"

namespace seminarflow {

// A calendar user: ORGANIZER or ATTENDEE, always with an email address (a cal-address URI).
struct CalendarPerson {
    std::string display_name;  // UTF-8; may be empty
    std::string address;       // local@domain, checked by the caller
};

enum class CalendarMethod { none, request, cancel };  // none: a file to import, no METHOD

struct CalendarEvent {
    std::string uid;
    CalendarMethod method = CalendarMethod::none;
    bool cancelled = false;  // STATUS:CANCELLED (and METHOD:CANCEL for an invitation)
    int sequence = 0;        // grows with each revision of the time (postponements)
    Time stamp{};            // DTSTAMP: when the message was made, or the instance last changed
    Time starts_at{};
    std::optional<Time> ends_at;
    std::string summary;
    std::string location;
    std::string description;
    std::optional<CalendarPerson> organizer;
    std::optional<CalendarPerson> attendee;
    // A display alarm this long before the start, for each: the workflow's reminders.
    std::vector<Duration> alarms_before;
};

std::string calendar_text(const CalendarEvent& event);

// RFC 5545 section 3.3.11: backslash, semicolon, comma and line breaks escaped.
std::string escape_text(std::string_view text);
// Section 3.1: a content line cut into lines of at most 75 octets, never inside a character,
// each continuation starting with a space; every line ended by CRLF.
std::string fold_line(std::string_view line);
// "20270320T010000Z".
std::string utc_date_time(Time time);
// A duration before a time, as TRIGGER wants it (section 3.3.6): "-P1D", "-PT30M", "-P1DT2H".
std::string trigger_before(Duration duration);
// A name as an iCalendar parameter value (CN="..."): DQUOTE and controls cannot appear in one.
std::string parameter_text(std::string_view text);

}  // namespace seminarflow
