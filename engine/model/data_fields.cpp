#include "engine/model/data_fields.hpp"

namespace seminarflow {

std::string text_field(const boost::json::object& data, std::string_view name) {
    const auto* value = data.if_contains(name);
    return value && value->is_string() ? std::string(value->get_string()) : std::string();
}

std::optional<Time> time_field(const boost::json::object& data, std::string_view name) {
    const auto* value = data.if_contains(name);
    if (!value || !value->is_string()) return std::nullopt;
    return parse_rfc3339(value->get_string());
}

std::optional<std::int64_t> integer_field(const boost::json::object& data, std::string_view name) {
    const auto* value = data.if_contains(name);
    if (!value) return std::nullopt;
    if (value->is_int64()) return value->get_int64();
    if (value->is_uint64() && value->get_uint64() <= static_cast<std::uint64_t>(INT64_MAX)) {
        return static_cast<std::int64_t>(value->get_uint64());
    }
    return std::nullopt;
}

}  // namespace seminarflow
