// A notification with any payload rendered through the shipped templates (engine/messages), then
// composed into the email a participant gets (adapters/channels/email). The input is a line
// "TEMPLATE LANGUAGE", then the notification's payload as JSON ({"workflow", "event", "data"...}),
// which carries what the instance's data holds: text any API caller wrote.
//
// The promises: rendering fails only for a template that is not loaded; a subject is one line
// (every channel shows it as a title, and email puts it in a header); subject and body are UTF-8;
// the email's lines all end in CRLF and its header holds only the fields the composer writes, so
// nothing in the data can add a header (Bcc:) or end the header early.
#include <boost/json/parse.hpp>

#include <array>
#include <sstream>

#include "adapters/channels/email/email_composer.hpp"
#include "engine/messages/message_renderer.hpp"
#include "engine/model/utf8.hpp"
#include "tests/fuzz/fuzz_support.hpp"

using namespace seminarflow;

namespace {

constexpr std::size_t max_header_line = 998;  // RFC 5322 section 2.1.1

void require_crlf_lines(std::string_view message) {
    for (std::size_t i = 0; i < message.size(); ++i) {
        if (message[i] == '\r') fuzz::require(i + 1 < message.size() && message[i + 1] == '\n', "a CR only ends a line");
        if (message[i] == '\n') fuzz::require(i > 0 && message[i - 1] == '\r', "a LF only ends a line");
    }
}

void require_composed_header(std::string_view message) {
    static constexpr std::array<std::string_view, 9> fields = {
        "Date:", "From:", "To:", "Subject:", "Message-ID:", "MIME-Version:", "Content-Language:", "Auto-Submitted:",
        "Content-Type:"};
    const std::size_t end = message.find("\r\n\r\n");
    fuzz::require(end != std::string_view::npos, "an email has a header and a body");
    std::string_view header = message.substr(0, end + 2);
    while (!header.empty()) {
        const std::size_t line_end = header.find("\r\n");
        const std::string_view line = header.substr(0, line_end);
        header.remove_prefix(line_end + 2);
        fuzz::require(line.size() <= max_header_line, "a header line fits RFC 5322's limit");
        if (line.starts_with(' ')) continue;  // a folded field's continuation
        bool known = false;
        for (const std::string_view field : fields) known = known || line.starts_with(field);
        fuzz::require(known, "the header holds only the fields the composer writes");
    }
}

std::string string_member(const boost::json::object& object, std::string_view name) {
    const auto* found = object.if_contains(name);
    return found && found->is_string() ? std::string(found->get_string()) : std::string();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto [line, document] = fuzz::first_line(fuzz::as_text(data, size));
    std::istringstream words{std::string(line)};
    std::string template_name;
    std::string language;
    words >> template_name >> language;

    boost::system::error_code error;
    const boost::json::value payload = boost::json::parse(document, error);
    if (error || !payload.is_object()) return 0;  // the runtime writes payloads as objects

    const DefinitionSet& shipped = fuzz::shipped_definitions();
    static const MessageRenderer renderer(shipped.templates, shipped.catalogue);
    Notification notification;
    notification.id = "0193a5c4-0000-7000-8000-000000000001";
    notification.instance_id = "0193a5c4-0000-7000-8000-000000000002";
    notification.template_name = template_name;
    notification.payload = payload.get_object();
    notification.created_at = *parse_rfc3339("2026-08-04T01:30:00Z");

    auto rendered = renderer.render(notification, language);
    const bool loaded = shipped.templates.find("vi", template_name) != nullptr;
    fuzz::require(rendered.ok() == loaded, "rendering fails only for a template that is not loaded");
    if (!rendered) return 0;
    fuzz::require(rendered->subject.find_first_of("\r\n") == std::string::npos, "a subject is one line");
    fuzz::require(valid_utf8(rendered->subject) && valid_utf8(rendered->body), "a message is UTF-8");

    Delivery delivery;
    delivery.id = "0193a5c4-0000-7000-8000-000000000003";
    delivery.notification = notification;
    delivery.recipient = Recipient{.participant = {},
                                   .display_name = string_member(payload.get_object(), "display_name"),
                                   .address = "unit@example.org",
                                   .language = rendered->language};
    const email::Mailbox from{"Ban tổ chức", "seminarflow@example.org"};
    const email::MessageText text{rendered->language, rendered->subject, rendered->body};
    auto composed = email::compose_email(delivery, from, text, notification.created_at);
    fuzz::require(composed.ok(), "a rendered message to a valid address composes");
    require_crlf_lines(composed->data);
    require_composed_header(composed->data);
    return 0;
}
