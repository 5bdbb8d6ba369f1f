#pragma once
// Checks what callers send against the fields a definition declares.
#include <boost/json/object.hpp>
#include <optional>
#include <vector>

#include "engine/model/decision.hpp"
#include "engine/model/field.hpp"

namespace seminarflow {

// An event's payload: every required field present, none unknown, each of its type.
std::optional<Rejection> check_payload(const std::vector<FieldSpec>& fields, const boost::json::object& payload);
// A new instance's data: as above, where fields with a default are not required.
std::optional<Rejection> check_initial_data(const std::vector<FieldSpec>& fields, const boost::json::object& data);

}  // namespace seminarflow
