#pragma once
// Members of instance data, or of a record inside it, read as the workflows write them; anything
// else (absent, another type) is nothing. For code that reads data outside the type-checked
// expressions: the exports, the email composer, the contest's computations.
#include <boost/json/object.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "engine/model/time.hpp"

namespace seminarflow {

std::string text_field(const boost::json::object& data, std::string_view name);
std::optional<Time> time_field(const boost::json::object& data, std::string_view name);
std::optional<std::int64_t> integer_field(const boost::json::object& data, std::string_view name);

}  // namespace seminarflow
