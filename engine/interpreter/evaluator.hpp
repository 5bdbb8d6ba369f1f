#pragma once
// Computes expressions against an instance, an event and a time. Pure: everything it reads
// is in the context.
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <cstdint>
#include <string>
#include <string_view>
#include <variant>

#include "engine/model/definition.hpp"
#include "engine/model/result.hpp"

namespace seminarflow {

struct EvaluationContext {
    const Definition& definition;
    const boost::json::object& data;
    const boost::json::object& patch;             // data set earlier in this decision; read first
    const boost::json::object* payload = nullptr;
    const boost::json::object* parent = nullptr;   // the parent's data, if the instance has a parent
    const boost::json::value* item = nullptr;      // the current `for_each` element
    Time now{};
};

// A computed value. Views point into the context or the definition, which outlive it; a list
// computed by a sum (`units - payload.unit`) is held whole.
using Scalar = std::variant<std::monostate, std::int64_t, double, bool, std::string_view, Time, Duration,
                            const boost::json::value*, boost::json::array>;

// The list a value is, stored or computed, or null when it is not a list.
const boost::json::array* list_of(const Scalar& value);

Result<Scalar, std::string> evaluate(const Expression& expression, const EvaluationContext& context);
// Holds or not; the error says which value was missing. A failing comparison's reason is
// written by describe_failure().
Result<bool, std::string> evaluate(const Comparison& comparison, const EvaluationContext& context);
// "60000000 <= 55000000 is false", for the message of a refused guard.
std::string describe_failure(const Comparison& comparison, const EvaluationContext& context);

// The expression's value as JSON, for data, child data and payloads. A lone field read is copied
// as stored, without the round trip through its typed form.
Result<boost::json::value, std::string> evaluate_json(const Expression& expression, const EvaluationContext& context);

boost::json::value to_json(const Scalar& value);
std::string describe(const Scalar& value);

}  // namespace seminarflow
