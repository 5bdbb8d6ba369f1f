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

std::vector<const Transition*> offered_transitions(const State& state, Role role) {
    std::vector<const Transition*> offered = sendable_transitions(state, role);
    std::erase_if(offered, [](const Transition* transition) { return transition->sent_by_engine && transition->roles.empty(); });
    return offered;
}

}  // namespace seminarflow
