#include "engine/interpreter/sendable_events.hpp"

namespace seminarflow {

bool role_may_send(const Transition& transition, Role role) {
    return role == Role::admin || role == Role::system || transition.roles.contains(role);
}

std::vector<const Transition*> sendable_transitions(const State& state, Role role) {
    std::vector<const Transition*> sendable;
    if (state.final) return sendable;
    for (const Transition& transition : state.transitions) {
        if (role_may_send(transition, role)) sendable.push_back(&transition);
    }
    return sendable;
}

}  // namespace seminarflow
