#pragma once
// Who may send what: the one rule decide() enforces on roles, and what it leaves a caller free to
// send in a state, and what of that the API offers (GET /v1/instances/{id}/actions).
#include <vector>

#include "engine/model/definition.hpp"
#include "engine/model/role.hpp"

namespace seminarflow {

// Whether `role` may send `transition`: the engine itself and admins send every event, the other
// roles the events whose `roles:` name them.
bool role_may_send(const Transition& transition, Role role);

// The transitions of `state` that `role` may send, in the definition's order; none in a final
// state, which takes no more events. Guards and payloads are not judged here: they depend on
// what is sent.
std::vector<const Transition*> sendable_transitions(const State& state, Role role);

// What the API offers `role` to send now (GET /v1/instances/{id}/actions): the sendable
// transitions, less the engine's own events that no role names (a timer's, a child's signal).
// An admin may still send one, to repair an instance, but it is no committee's action to press.
std::vector<const Transition*> offered_transitions(const State& state, Role role);

}  // namespace seminarflow
