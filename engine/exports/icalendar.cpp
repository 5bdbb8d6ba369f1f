#include "engine/exports/icalendar.hpp"

#include <cstdio>

#include "engine/model/utf8.hpp"

namespace seminarflow {

std::string escape_text(std::string_view text) {
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '\\' || c == ';' || c == ',') {
            out += '\\';
            out += c;
        } else if (c == '\r') {
            out += "\\n";
            if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
        } else if (c == '\n') {
            out += "\\n";
        } else if (static_cast<unsigned char>(c) < 0x20 && c != '\t') {
            continue;  // controls other than HTAB are not allowed in a text value
        } else {
            out += c;
        }
    }
    return out;
}

std::string fold_line(std::string_view line) {
    std::string out;
    std::size_t room = 75;
    while (true) {
        std::string piece = utf8_prefix(line, room);
        if (piece.empty() && !line.empty()) piece = std::string(line.substr(0, 1));  // not UTF-8
        out += piece;
        out += "\r\n";
        line.remove_prefix(piece.size());
        if (line.empty()) break;
        out += ' ';
        room = 74;  // the leading space counts
    }
    return out;
}

std::string utc_date_time(Time time) {
    const auto seconds = std::chrono::floor<std::chrono::seconds>(time);
    const auto day = std::chrono::floor<std::chrono::days>(seconds);
    const std::chrono::year_month_day date(day);
    const std::chrono::hh_mm_ss clock(seconds - day);
    char text[32];
    std::snprintf(text, sizeof text, "%04d%02u%02uT%02d%02d%02dZ", static_cast<int>(date.year()),
                  static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()),
                  static_cast<int>(clock.hours().count()), static_cast<int>(clock.minutes().count()),
                  static_cast<int>(clock.seconds().count()));
    return text;
}

std::string trigger_before(Duration duration) {
    auto seconds = std::chrono::duration_cast<std::chrono::seconds>(duration).count();
    if (seconds < 0) seconds = -seconds;
    const auto days = seconds / 86400;
    seconds %= 86400;
    std::string text = "-P";
    if (days > 0) text += std::to_string(days) + "D";
    if (seconds > 0 || days == 0) {
        // RFC 5545's dur-time: hours may be followed by minutes only, so 1 h 0 min 30 s is 1H0M30S.
        const auto hours = seconds / 3600, minutes = seconds % 3600 / 60, rest = seconds % 60;
        text += "T";
        if (hours > 0) text += std::to_string(hours) + "H";
        if (minutes > 0 || (hours > 0 && rest > 0)) text += std::to_string(minutes) + "M";
        if (rest > 0 || seconds == 0) text += std::to_string(rest) + "S";
    }
    return text;
}

std::string parameter_text(std::string_view text) {
    std::string clean;
    for (const char c : text) {
        if (c == '"' || (static_cast<unsigned char>(c) < 0x20) || c == 0x7f) continue;
        clean += c;
    }
    return clean;
}

namespace {

std::string person(std::string_view property, const CalendarPerson& who, std::string_view parameters) {
    std::string line(property);
    if (!who.display_name.empty()) line += ";CN=\"" + parameter_text(who.display_name) + "\"";
    line += parameters;
    return line + ":mailto:" + who.address;
}

std::string_view method_name(CalendarMethod method) {
    switch (method) {
    case CalendarMethod::none: return "";
    case CalendarMethod::request: return "REQUEST";
    case CalendarMethod::cancel: return "CANCEL";
    }
    return "";
}

void add_alarms(const CalendarEvent& event, std::string& out) {
    for (const Duration before : event.alarms_before) {
        out += fold_line("BEGIN:VALARM");
        out += fold_line("ACTION:DISPLAY");
        out += fold_line("TRIGGER:" + trigger_before(before));
        out += fold_line("DESCRIPTION:" + escape_text(event.summary));
        out += fold_line("END:VALARM");
    }
}

}  // namespace

std::string calendar_text(const CalendarEvent& event) {
    std::string out;
    const auto line = [&out](std::string_view text) { out += fold_line(text); };
    line("BEGIN:VCALENDAR");
    line("VERSION:2.0");
    line("PRODID:-//seminarflow//seminarflow//EN");
    line("CALSCALE:GREGORIAN");
    if (event.method != CalendarMethod::none) line("METHOD:" + std::string(method_name(event.method)));
    line("BEGIN:VEVENT");
    line("UID:" + event.uid);
    line("SEQUENCE:" + std::to_string(event.sequence));
    line("DTSTAMP:" + utc_date_time(event.stamp));
    line("DTSTART:" + utc_date_time(event.starts_at));
    if (event.ends_at) line("DTEND:" + utc_date_time(*event.ends_at));
    line("SUMMARY:" + escape_text(event.summary));
    if (!event.location.empty()) line("LOCATION:" + escape_text(event.location));
    if (!event.description.empty()) line("DESCRIPTION:" + escape_text(event.description));
    if (event.organizer) line(person("ORGANIZER", *event.organizer, ""));
    if (event.attendee) {
        line(person("ATTENDEE", *event.attendee, ";ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=FALSE"));
    }
    line(event.cancelled ? "STATUS:CANCELLED" : "STATUS:CONFIRMED");
    if (!event.cancelled) add_alarms(event, out);  // no reminder of what will not happen
    line("END:VEVENT");
    line("END:VCALENDAR");
    return out;
}

}  // namespace seminarflow
