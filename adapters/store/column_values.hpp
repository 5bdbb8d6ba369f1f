#pragma once
// Engine values as the store's columns hold them, one way for both backends: times as the
// fixed-width UTC text the SQLite CHECKs demand (PostgreSQL reads the same literal as a
// timestamptz), JSON as text, roles by name. Internal to adapters/store.
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "adapters/store/database_url.hpp"
#include "engine/model/result.hpp"
#include "engine/model/role.hpp"
#include "engine/model/time.hpp"
#include "engine/ports/store.hpp"

namespace seminarflow {

// 'YYYY-MM-DDTHH:MM:SS.sssZ', always with milliseconds: one width makes text order time order.
std::string time_column(Time time);
// A SELECT expression that reads time column `column` back in that shape: PostgreSQL would
// otherwise answer in its own ('2026-12-01 08:00:00.123+00').
std::string select_time(DatabaseBackend backend, std::string_view column);
// A SELECT expression for a JSON column as text (jsonb on PostgreSQL).
std::string select_json(std::string_view column);
// A subquery for `IN (...)`: the strings of the JSON array bound to :ids, which both backends take
// apart in SQL (json_each, jsonb_array_elements_text). One statement whatever their number, and
// no list of placeholders.
std::string ids_from_list(DatabaseBackend backend);
// A batch's rows as ONE parameter, :rows, a JSON array of objects that the statement reads as a
// table `r`: jsonb_to_recordset on PostgreSQL, which wants the columns typed (`postgresql_columns`,
// "id text, at timestamptz"), json_each on SQLite. One round trip whatever the batch's size.
std::string rows_from_list(DatabaseBackend backend, std::string_view postgresql_columns);
// The field `name` of that table's current row: r.name, or json_extract on SQLite.
std::string row_field(DatabaseBackend backend, std::string_view name);

// The readers fail (as values) on what the schema should never have let in: they name `what`.
Result<Time, StoreError> read_time(std::string_view text, std::string_view what);
Result<boost::json::object, StoreError> read_object(std::string_view text, std::string_view what);
Result<boost::json::value, StoreError> read_json(std::string_view text, std::string_view what);
Result<std::vector<std::string>, StoreError> read_strings(std::string_view text, std::string_view what);
Result<Role, StoreError> read_role(std::string_view text, std::string_view what);

std::string json_column(const boost::json::object& object);
std::string json_column(const boost::json::value& value);
std::string json_column(std::span<const std::string> strings);

}  // namespace seminarflow
