#include "engine/interpreter/payload_check.hpp"

#include <algorithm>

#include "engine/messages/wall_clock.hpp"

namespace seminarflow {
namespace {

std::optional<Rejection> check_fields(const std::vector<FieldSpec>& fields, const boost::json::object& values,
                                      std::string_view what) {
    for (const auto& [key, value] : values) {
        const auto& name = key;  // named: clang 14 cannot capture a structured binding (C++20 can)
        const bool known = std::any_of(fields.begin(), fields.end(), [&](const FieldSpec& field) { return field.name == name; });
        if (!known) {
            std::string expected;
            for (const auto& field : fields) expected += (expected.empty() ? "" : ", ") + field.name;
            return Rejection{RejectionKind::payload_invalid, std::string(key),
                             "unknown " + std::string(what) + " field '" + std::string(key) + "'" +
                                 (expected.empty() ? "; this event takes no fields" : "; expected: " + expected)};
        }
    }
    for (const auto& field : fields) {
        const auto* value = values.if_contains(field.name);
        if (!value || value->is_null()) {
            if (field.optional || field.fallback) continue;
            return Rejection{RejectionKind::payload_invalid, field.name,
                             std::string(what) + " field '" + field.name + "' is required (" +
                                 std::string(type_name(field.type)) + ")"};
        }
        if (auto problem = type_problem(field, *value)) {
            return Rejection{RejectionKind::payload_invalid, field.name,
                             std::string(what) + " field '" + field.name + "': " + *problem};
        }
        // `timezone` is the field messages read an event's clock from (message_renderer.hpp), by
        // name: a zone the database does not know is refused here, where the caller can fix it.
        if (field.name == "timezone" && value->is_string() && !known_time_zone(value->get_string())) {
            return Rejection{RejectionKind::payload_invalid, field.name,
                             std::string(what) + " field 'timezone': '" + std::string(value->get_string()) +
                                 "' is not a time zone the IANA database knows (such as Asia/Ho_Chi_Minh)"};
        }
    }
    return std::nullopt;
}

}  // namespace

std::optional<Rejection> check_payload(const std::vector<FieldSpec>& fields, const boost::json::object& payload) {
    return check_fields(fields, payload, "payload");
}

std::optional<Rejection> check_initial_data(const std::vector<FieldSpec>& fields, const boost::json::object& data) {
    return check_fields(fields, data, "data");
}

}  // namespace seminarflow
