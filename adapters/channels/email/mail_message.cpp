#include "adapters/channels/email/mail_message.hpp"

#include <array>
#include <cstdio>

namespace seminarflow::email {
namespace {

// Every part is base64, whose alphabet has no '_' and whose lines never start with "--": these
// boundaries cannot occur inside a part.
constexpr std::string_view mixed_boundary = "=_seminarflow_mixed_0";
constexpr std::string_view alternative_boundary = "=_seminarflow_alternative_0";

// The body's lines joined with CRLF, as text/plain wants on the wire before encoding.
std::string crlf_lines(std::string_view text) {
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\r') continue;
        if (text[i] == '\n') {
            out += "\r\n";
        } else {
            out += text[i];
        }
    }
    return out;
}

std::string part(std::string_view content_type, std::string_view body, std::string_view extra_headers = "") {
    return "Content-Type: " + std::string(content_type) + "\r\nContent-Transfer-Encoding: base64\r\n" +
           std::string(extra_headers) + "\r\n" + base64_lines(body);
}

std::string alternative(const MailContent& content) {
    std::string out = "Content-Type: multipart/alternative;\r\n boundary=\"" + std::string(alternative_boundary) + "\"\r\n\r\n";
    out += "--" + std::string(alternative_boundary) + "\r\n";
    out += part("text/plain; charset=UTF-8", crlf_lines(content.text));
    out += "--" + std::string(alternative_boundary) + "\r\n";
    out += part("text/html; charset=UTF-8", crlf_lines(html_body(content.text, content.language, content.subject)));
    out += "--" + std::string(alternative_boundary) + "--\r\n";
    return out;
}

std::string headers(const MailContent& content) {
    std::string out = "Date: " + mail_date(content.date) + "\r\n";
    HeaderField from("From");
    add_mailbox(from, content.from);
    out += from.str();
    HeaderField to("To");
    add_mailbox(to, content.to);
    out += to.str();
    out += text_field("Subject", content.subject);
    out += "Message-ID: <" + content.message_id + ">\r\n";
    out += "MIME-Version: 1.0\r\n";
    if (!content.language.empty()) out += "Content-Language: " + content.language + "\r\n";
    // RFC 3834: an automatic message, which vacation responders must not answer.
    out += "Auto-Submitted: auto-generated\r\n";
    return out;
}

}  // namespace

std::string html_body(std::string_view text, std::string_view language, std::string_view title) {
    std::string out = "<!DOCTYPE html>\n<html lang=\"" + escape_html(language) +
                      "\">\n<head><meta charset=\"utf-8\"><title>" + escape_html(title) + "</title></head>\n<body>\n";
    std::string paragraph;
    const auto close = [&] {
        if (!paragraph.empty()) out += "<p>" + paragraph + "</p>\n";
        paragraph.clear();
    };
    while (!text.empty()) {
        const std::size_t end = text.find('\n');
        std::string_view line = text.substr(0, end);
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
        if (line.find_first_not_of(" \t") == std::string_view::npos) {
            close();
            continue;
        }
        if (!paragraph.empty()) paragraph += "<br>\n";
        paragraph += escape_html(line);
    }
    close();
    return out + "</body>\n</html>\n";
}

std::string mail_date(Time time) {
    static constexpr std::array<const char*, 7> weekdays{"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
    static constexpr std::array<const char*, 12> months{"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                        "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    const auto seconds = std::chrono::floor<std::chrono::seconds>(time);
    const auto day = std::chrono::floor<std::chrono::days>(seconds);
    const std::chrono::year_month_day date(day);
    const std::chrono::weekday weekday(day);
    const std::chrono::hh_mm_ss clock(seconds - day);
    char text[48];
    std::snprintf(text, sizeof text, "%s, %u %s %04d %02d:%02d:%02d +0000", weekdays[weekday.c_encoding()],
                  static_cast<unsigned>(date.day()), months[static_cast<unsigned>(date.month()) - 1],
                  static_cast<int>(date.year()), static_cast<int>(clock.hours().count()),
                  static_cast<int>(clock.minutes().count()), static_cast<int>(clock.seconds().count()));
    return text;
}

std::string mail_text(const MailContent& content) {
    std::string out = headers(content);
    if (!content.calendar) return out + alternative(content);
    out += "Content-Type: multipart/mixed;\r\n boundary=\"" + std::string(mixed_boundary) + "\"\r\n\r\n";
    out += "--" + std::string(mixed_boundary) + "\r\n";
    out += alternative(content);
    out += "--" + std::string(mixed_boundary) + "\r\n";
    // Parameters on lines of their own: the field stays under 76 characters.
    out += part("text/calendar; charset=UTF-8; method=" + content.calendar->method + ";\r\n name=\"invitation.ics\"",
                content.calendar->text, "Content-Disposition: attachment; filename=\"invitation.ics\"\r\n");
    out += "--" + std::string(mixed_boundary) + "--\r\n";
    return out;
}

}  // namespace seminarflow::email
