#include "adapters/http/request_parsing.hpp"

#include <algorithm>
#include <boost/json/stream_parser.hpp>
#include <charconv>
#include <cmath>
#include <initializer_list>

#include "adapters/http/cursor.hpp"
#include "adapters/http/parsing_parts.hpp"
#include "adapters/http/problem.hpp"
#include "engine/model/contact.hpp"

namespace seminarflow::http {
using namespace parsing;

bool is_role_name(std::string_view name) {
    if (name.empty() || name.size() > 64 || name.front() < 'a' || name.front() > 'z') return false;
    return std::all_of(name.begin(), name.end(),
                       [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'; });
}

namespace {

// A language tag as far as templates need one: "vi", "en", "en-GB", "zh-Hant-TW".
bool is_language_tag(std::string_view tag) {
    const auto alnum = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); };
    const std::size_t dash = std::min(tag.find('-'), tag.size());
    if (dash < 2 || dash > 3 || !std::all_of(tag.begin(), tag.begin() + dash, [](char c) { return c >= 'a' && c <= 'z'; })) {
        return false;
    }
    std::string_view rest = tag.substr(dash);
    while (!rest.empty()) {
        rest.remove_prefix(1);  // the '-'
        const std::size_t end = std::min(rest.find('-'), rest.size());
        if (end < 1 || end > 8 || !std::all_of(rest.begin(), rest.begin() + end, alnum)) return false;
        rest.remove_prefix(end);
    }
    return true;
}

}  // namespace

Parsed<std::optional<boost::json::object>> contact_member(boost::json::object& body, bool check_addresses) {
    auto* value = body.if_contains("contact");
    if (!value) return std::optional<boost::json::object>{};
    if (!value->is_object()) {
        return invalid_body("contact", "'contact' must be an object of strings, not " + std::string(kind_of(*value)));
    }
    if (auto problem = contact_problem(value->get_object(), check_addresses)) {
        if (const auto* address = value->get_object().if_contains(problem->field.substr(8)); address && !address->is_string()) {
            return invalid_body(problem->field, problem->message + ", not " + std::string(kind_of(*address)));
        }
        return invalid_body(problem->field, problem->message);
    }
    return std::optional<boost::json::object>(std::move(value->get_object()));
}

namespace {

// `participant=KIND:REF` of the instance listing.
Parsed<std::optional<ParticipantRef>> participant_filter(const Request& request) {
    const std::string_view value = request.query_value("participant");
    if (value.empty()) return std::optional<ParticipantRef>{};
    const std::size_t colon = value.find(':');
    const auto kind = parse_participant_kind(value.substr(0, colon));
    if (colon == std::string_view::npos || !kind || colon + 1 == value.size()) {
        return bad_parameter("participant", "participant must be unit:REF or person:REF, not '" + std::string(value) + "'");
    }
    return std::optional<ParticipantRef>(ParticipantRef{*kind, std::string(value.substr(colon + 1))});
}

}  // namespace

Parsed<CreateRequest> parse_create_request(std::string_view body) {
    auto object = json_object(body, {"workflow", "data", "parent"});
    if (!object) return fail(std::move(object).error());
    auto workflow = required_text(*object, "workflow");
    if (!workflow) return fail(std::move(workflow).error());
    auto data = object_member(*object, "data");
    if (!data) return fail(std::move(data).error());
    CreateRequest request{std::move(workflow).value(), std::move(data).value(), std::nullopt};
    if (const auto* parent = object->if_contains("parent"); parent && !parent->is_null()) {
        if (!parent->is_string() || parent->get_string().empty()) {
            return invalid_body("parent", "'parent' must be an instance id (a string) or null, not " +
                                              std::string(parent->is_string() ? "an empty string" : kind_of(*parent)));
        }
        request.parent = std::string(parent->get_string());
    }
    return request;
}

Parsed<EventRequest> parse_event_request(std::string_view body) {
    auto object = json_object(body, {"type", "payload"});
    if (!object) return fail(std::move(object).error());
    auto type = required_text(*object, "type");
    if (!type) return fail(std::move(type).error());
    auto payload = object_member(*object, "payload");
    if (!payload) return fail(std::move(payload).error());
    return EventRequest{std::move(type).value(), std::move(payload).value()};
}

Parsed<std::optional<std::string>> parse_idempotency_key(const Request& request) {
    bool present = false;
    for (const auto& [name, value] : request.headers) present = present || name == "idempotency-key";
    if (!present) return std::optional<std::string>{};
    const std::string_view key = request.header("idempotency-key");
    const bool visible = std::all_of(key.begin(), key.end(), [](char c) { return c > ' ' && c < 0x7f; });
    if (key.empty() || key.size() > 255 || !visible) {
        return fail(problem(400, "invalid-header", "Invalid header",
                            "Idempotency-Key must be 1 to 255 visible ASCII characters (a UUID is a good choice)",
                            {{"field", "Idempotency-Key"}}));
    }
    return std::optional<std::string>(key);
}

Parsed<ListingQuery> parse_listing_query(const Request& request) {
    if (auto refused = check_parameters(request, {"workflow", "state", "parent", "participant", "cursor", "limit"})) {
        return fail(std::move(*refused));
    }
    auto limit = page_limit(request);
    if (!limit) return fail(std::move(limit).error());
    auto participant = participant_filter(request);
    if (!participant) return fail(std::move(participant).error());
    ListingQuery query;
    query.filter = InstanceFilter{filter_value(request, "workflow"), filter_value(request, "state"),
                                  filter_value(request, "parent"), std::move(participant).value()};
    query.limit = *limit;
    if (const std::string_view cursor = request.query_value("cursor"); !cursor.empty()) {
        query.after = decode_instance_cursor(cursor);
        if (!query.after) {
            return foreign_cursor("listing");
        }
    }
    return query;
}

Parsed<HistoryQuery> parse_history_query(const Request& request) {
    if (auto refused = check_parameters(request, {"after", "cursor", "limit"})) return fail(std::move(*refused));
    auto limit = page_limit(request);
    if (!limit) return fail(std::move(limit).error());
    HistoryQuery query;
    query.limit = *limit;
    const std::string_view after = request.query_value("after");
    const std::string_view cursor = request.query_value("cursor");
    if (!after.empty() && !cursor.empty()) return bad_parameter("cursor", "give 'after' or 'cursor', not both");
    if (!after.empty()) {
        const auto seq = whole_number(after);
        if (!seq || *seq < 0) {
            return bad_parameter("after", "after must be a history seq (a whole number from 0), not '" +
                                              std::string(after) + "'");
        }
        query.after = *seq;
    } else if (!cursor.empty()) {
        const auto seq = decode_history_cursor(cursor);
        if (!seq) {
            return foreign_cursor("history");
        }
        query.after = *seq;
    }
    return query;
}

Parsed<ParticipantRequest> parse_participant_request(std::string_view body) {
    auto object = json_object(body, {"kind", "ref", "role", "display_name", "contact", "language", "rsvp"});
    if (!object) return fail(std::move(object).error());
    auto kind = required_text(*object, "kind");
    if (!kind) return fail(std::move(kind).error());
    const auto parsed_kind = parse_participant_kind(*kind);
    if (!parsed_kind) return invalid_body("kind", "'kind' must be person or unit, not '" + *kind + "'");
    auto ref = required_text(*object, "ref");
    if (!ref) return fail(std::move(ref).error());
    if (ref->size() > max_text_bytes) return invalid_body("ref", "'ref' must be at most 500 bytes");
    auto role = required_text(*object, "role");
    if (!role) return fail(std::move(role).error());
    if (!is_role_name(*role)) {
        return invalid_body("role", "'role' must be a name such as chair or guest (a lower-case letter, then lower-case "
                                    "letters, digits or _, at most 64), not '" + role->substr(0, 100) + "'");
    }
    ParticipantRequest request{ParticipantKey{*parsed_kind, std::move(ref).value(), std::move(role).value()}};
    auto display_name = optional_text(*object, "display_name", "a string of at most 500 bytes");
    if (!display_name) return fail(std::move(display_name).error());
    request.display_name = std::move(display_name).value();
    auto contact = contact_member(*object, false);
    if (!contact) return fail(std::move(contact).error());
    request.contact = std::move(contact).value();
    auto language = optional_text(*object, "language", "a language tag such as vi or en-GB", is_language_tag);
    if (!language) return fail(std::move(language).error());
    request.language = std::move(language).value();
    auto rsvp = optional_text(*object, "rsvp", "one of needs_action, accepted, declined, tentative",
                              [](std::string_view text) { return parse_rsvp(text).has_value(); });
    if (!rsvp) return fail(std::move(rsvp).error());
    if (*rsvp) request.rsvp = parse_rsvp(**rsvp);
    return request;
}

Parsed<ParticipantsQuery> parse_participants_query(const Request& request) {
    if (auto refused = check_parameters(request, {"role", "rsvp", "cursor", "limit"})) return fail(std::move(*refused));
    auto limit = page_limit(request);
    if (!limit) return fail(std::move(limit).error());
    ParticipantsQuery query;
    query.limit = *limit;
    if (const std::string_view role = request.query_value("role"); !role.empty()) {
        if (!is_role_name(role)) return bad_parameter("role", "'" + std::string(role) + "' is not a role name");
        query.filter.role = std::string(role);
    }
    if (const std::string_view rsvp = request.query_value("rsvp"); !rsvp.empty()) {
        query.filter.rsvp = parse_rsvp(rsvp);
        if (!query.filter.rsvp) {
            return bad_parameter("rsvp", "rsvp must be needs_action, accepted, declined or tentative, not '" +
                                             std::string(rsvp) + "'");
        }
    }
    if (const std::string_view cursor = request.query_value("cursor"); !cursor.empty()) {
        query.after = decode_participant_cursor(cursor);
        if (!query.after) {
            return foreign_cursor("listing");
        }
    }
    return query;
}

}  // namespace seminarflow::http
