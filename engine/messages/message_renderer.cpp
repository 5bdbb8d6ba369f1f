#include "engine/messages/message_renderer.hpp"

#include "engine/definition/template_text.hpp"
#include "engine/messages/readable_value.hpp"
#include "engine/messages/wall_clock.hpp"
#include "engine/model/delivery.hpp"

namespace seminarflow {
namespace {

const boost::json::object& object_at(const boost::json::object& payload, std::string_view key) {
    static const boost::json::object none;
    const auto* found = payload.if_contains(key);
    return found && found->is_object() ? found->get_object() : none;
}

std::string_view string_at(const boost::json::object& object, std::string_view key) {
    const auto* found = object.if_contains(key);
    return found && found->is_string() ? std::string_view(found->get_string()) : std::string_view();
}

// The value a placeholder's path leads to in the data, or nothing when some step is missing.
const boost::json::value* value_at(const boost::json::object& data, std::string_view path) {
    const boost::json::object* object = &data;
    while (true) {
        const std::size_t dot = path.find('.');
        const auto* value = object->if_contains(path.substr(0, dot));
        if (!value || dot == std::string_view::npos) return value;
        if (!value->is_object()) return nullptr;
        object = &value->get_object();
        path.remove_prefix(dot + 1);
    }
}

// The type of a placeholder's field, for reading its value: the notifying workflow's data field,
// or for seminarflow's own operator notice (of no workflow) the times it carries.
std::optional<ValueType> field_type(const Definition* definition, std::string_view template_name,
                                    const std::string& path) {
    if (path.find('.') != std::string::npos) return std::nullopt;
    if (definition) {
        const FieldSpec* field = definition->find_field(path);
        return field ? std::optional(field->type) : std::nullopt;
    }
    if (template_name == endpoint_disabled_notice && (path == "disabled_at" || path == "failing_since")) {
        return ValueType::time;
    }
    return std::nullopt;
}

// A subject is one line wherever it goes (an email's header, a chat message's title): the line
// breaks a value brings (a title typed on two lines) become spaces, a CRLF one space. The body
// keeps them: there they are the writer's layout.
std::string one_line(std::string_view text) {
    std::string line;
    line.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\r' || text[i] == '\n') {
            if (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
            line += ' ';
        } else {
            line += text[i];
        }
    }
    return line;
}

}  // namespace

MessageRenderer::MessageRenderer(const TemplateCatalogue& templates, const Catalogue& workflows,
                                 RenderingDefaults defaults)
    : templates_(templates), workflows_(workflows), defaults_(std::move(defaults)) {}

Result<RenderedMessage, std::string> MessageRenderer::render(const Notification& notification,
                                                             std::string_view language) const {
    const MessageTemplate* message = templates_.find(language, notification.template_name);
    if (!message) {
        language = defaults_.language;
        message = templates_.find(language, notification.template_name);
    }
    if (!message) return fail("template '" + notification.template_name + "' is not loaded");

    const boost::json::object& data = object_at(notification.payload, "data");
    const Definition* definition = workflows_.find(string_at(notification.payload, "workflow"));
    std::string_view zone = string_at(data, "timezone");
    if (!zone.empty() && !known_time_zone(zone)) {
        // Refused at the API (payload_check.hpp), so older data or data set otherwise: the
        // message still goes, on the default clock, and an operator hears of it.
        if (defaults_.warn) {
            defaults_.warn("notification " + notification.id + " of instance " + notification.instance_id +
                           ": data.timezone '" + std::string(zone) + "' is not a time zone the IANA database "
                           "knows; its times are shown on " + defaults_.zone + "'s clock");
        }
        zone = {};
    }
    if (zone.empty()) zone = defaults_.zone;
    const ReadingContext context{language, zone, zone != defaults_.zone};

    const auto fill = [&](const std::string& text) -> Result<std::string, std::string> {
        auto pieces = parse_template_text(text);
        if (!pieces) return fail("template '" + notification.template_name + "': " + pieces.error());
        std::string filled;
        for (const auto& piece : *pieces) {
            if (!piece.placeholder) {
                filled += piece.text;
                continue;
            }
            const auto* value = value_at(data, piece.text);
            filled += value ? readable_value(*value, field_type(definition, notification.template_name, piece.text),
                                             context)
                            : std::string("—");
        }
        return filled;
    };
    auto subject = fill(message->subject);
    if (!subject) return fail(std::move(subject).error());
    auto body = fill(message->body);
    if (!body) return fail(std::move(body).error());
    return RenderedMessage{std::string(language), one_line(*subject), std::move(body).value()};
}

}  // namespace seminarflow
