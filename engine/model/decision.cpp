#include "engine/model/decision.hpp"

namespace seminarflow {

std::string_view rejection_kind_name(RejectionKind kind) {
    switch (kind) {
    case RejectionKind::unknown_event: return "unknown_event";
    case RejectionKind::not_allowed_in_state: return "not_allowed_in_state";
    case RejectionKind::instance_finished: return "instance_finished";
    case RejectionKind::role_not_allowed: return "role_not_allowed";
    case RejectionKind::payload_invalid: return "payload_invalid";
    case RejectionKind::guard_failed: return "guard_failed";
    case RejectionKind::action_failed: return "action_failed";
    case RejectionKind::definition_mismatch: return "definition_mismatch";
    }
    return "unknown";
}

boost::json::object apply_patch(boost::json::object data, boost::json::object patch) {
    for (auto& entry : patch) data[entry.key()] = std::move(entry.value());
    return data;
}

}  // namespace seminarflow
