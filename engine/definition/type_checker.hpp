#pragma once
// Gives every term of an expression its type and refuses what cannot be computed
// (a time compared with a number, a text added to an amount) before a definition runs.
#include <optional>
#include <string>
#include <vector>

#include "engine/model/definition.hpp"

namespace seminarflow {

struct TypeEnvironment {
    const Definition* definition = nullptr;         // `data.` fields
    const std::vector<FieldSpec>* payload = nullptr;  // `payload.` fields; null where there is no event
    std::vector<const Definition*> parents;         // `parent.` fields must have one type in all of them
    bool has_item = false;                          // inside `spawn ... for_each`
    // Actions must compute: an optional payload field may be absent, so only guards (where
    // "not set" simply fails the condition) may read one.
    bool optional_payload_readable = true;
};

// Each returns a sentence saying what is wrong, or nothing.
std::optional<std::string> check_expression(Expression& expression, const TypeEnvironment& environment);
std::optional<std::string> check_comparison(Comparison& comparison, const TypeEnvironment& environment);

// Whether a value of type `from` may be stored in a field of type `to`.
bool assignable(ValueType to, ValueType from);

}  // namespace seminarflow
