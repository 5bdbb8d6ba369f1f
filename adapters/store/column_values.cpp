#include "adapters/store/column_values.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <cstdio>

namespace seminarflow {
namespace {

StoreError corrupt(std::string_view what, std::string_view text) {
    return StoreError{"unreadable " + std::string(what) + " in the database: '" + std::string(text) + "'"};
}

}  // namespace

std::string time_column(Time time) {
    const auto day = std::chrono::floor<std::chrono::days>(time);
    const std::chrono::year_month_day date{day};
    const std::chrono::hh_mm_ss clock{time - day};
    char text[32];
    std::snprintf(text, sizeof text, "%04d-%02u-%02uT%02d:%02d:%02d.%03dZ", static_cast<int>(date.year()),
                  static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()),
                  static_cast<int>(clock.hours().count()), static_cast<int>(clock.minutes().count()),
                  static_cast<int>(clock.seconds().count()), static_cast<int>(clock.subseconds().count()));
    return text;
}

std::string select_time(DatabaseBackend backend, std::string_view column) {
    if (backend == DatabaseBackend::sqlite) return std::string(column);
    // The session's zone is UTC (connection.cpp); AT TIME ZONE makes that explicit anyway.
    return "to_char(" + std::string(column) + " AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"')";
}

std::string select_json(std::string_view column) {
    return "CAST(" + std::string(column) + " AS TEXT)";
}

std::string ids_from_list(DatabaseBackend backend) {
    return backend == DatabaseBackend::sqlite ? "SELECT value FROM json_each(:ids)"
                                              : "SELECT jsonb_array_elements_text(CAST(:ids AS jsonb))";
}

std::string rows_from_list(DatabaseBackend backend, std::string_view postgresql_columns) {
    if (backend == DatabaseBackend::postgresql) {
        return "jsonb_to_recordset(CAST(:rows AS jsonb)) AS r(" + std::string(postgresql_columns) + ")";
    }
    return "json_each(:rows) AS r";
}

std::string row_field(DatabaseBackend backend, std::string_view name) {
    if (backend == DatabaseBackend::postgresql) return "r." + std::string(name);
    return "json_extract(r.value, '$." + std::string(name) + "')";
}

Result<Time, StoreError> read_time(std::string_view text, std::string_view what) {
    const auto time = parse_rfc3339(text);
    if (!time) return fail(corrupt(what, text));
    return *time;
}

Result<boost::json::value, StoreError> read_json(std::string_view text, std::string_view what) {
    boost::system::error_code error;
    boost::json::value value = boost::json::parse(text, error);
    if (error) return fail(corrupt(what, text));
    return value;
}

Result<boost::json::object, StoreError> read_object(std::string_view text, std::string_view what) {
    auto value = read_json(text, what);
    if (!value) return fail(std::move(value).error());
    if (!value->is_object()) return fail(corrupt(what, text));
    return std::move(value->as_object());
}

Result<std::vector<std::string>, StoreError> read_strings(std::string_view text, std::string_view what) {
    auto value = read_json(text, what);
    if (!value) return fail(std::move(value).error());
    if (!value->is_array()) return fail(corrupt(what, text));
    std::vector<std::string> strings;
    for (const auto& element : value->as_array()) {
        if (!element.is_string()) return fail(corrupt(what, text));
        strings.emplace_back(element.as_string());
    }
    return strings;
}

Result<Role, StoreError> read_role(std::string_view text, std::string_view what) {
    // parse_api_role leaves out `system`, which the engine itself acts as and the store keeps.
    if (text == role_name(Role::system)) return Role::system;
    const auto role = parse_api_role(text);
    if (!role) return fail(corrupt(what, text));
    return *role;
}

std::string json_column(const boost::json::object& object) {
    return boost::json::serialize(object);
}

std::string json_column(const boost::json::value& value) {
    return boost::json::serialize(value);
}

std::string json_column(std::span<const std::string> strings) {
    boost::json::array array;
    array.reserve(strings.size());
    for (const auto& string : strings) array.emplace_back(string);
    return boost::json::serialize(array);
}

}  // namespace seminarflow
