#pragma once
// The interpreter's answer to an event: a Decision to commit, or a Rejection saying why not.
#include <boost/json/object.hpp>
#include <cstddef>
#include <string>
#include <variant>
#include <vector>

#include "engine/model/effect.hpp"

namespace seminarflow {

struct Decision {
    std::size_t from = 0;  // state indexes into the definition's states
    std::size_t to = 0;
    boost::json::object data_patch;  // data fields to set (the rest of the data is unchanged)
    std::vector<Effect> effects;     // in the order the runtime must carry them out

    bool changes_state() const { return from != to; }
};

// Each kind maps to one HTTP status in the API (see adapters/http).
enum class RejectionKind {
    unknown_event,         // no state of this workflow handles the event        422
    not_allowed_in_state,  // another state handles it, not the current one     409
    instance_finished,     // the instance is in a final state                  409
    role_not_allowed,      // the actor's role may not send it                   403
    payload_invalid,       // a payload field missing, unknown or mistyped       422
    guard_failed,          // a guard condition does not hold                    422
    action_failed,         // an action cannot be computed (a field it reads is unset) 422
    definition_mismatch,   // the instance's state is not in its definition      500 (a bug)
};

struct Rejection {
    RejectionKind kind;
    std::string rule;     // what refused: the field name, the condition as written, the role
    std::string message;  // a sentence for a person
};

using Outcome = std::variant<Decision, Rejection>;

std::string_view rejection_kind_name(RejectionKind kind);

// Returns `data` with `patch` applied on top (the patch's values are moved, not copied).
boost::json::object apply_patch(boost::json::object data, boost::json::object patch);

}  // namespace seminarflow
