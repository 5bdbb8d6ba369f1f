#pragma once
// Helpers to read what the interpreter decided: the decision or the rejection, and the effects
// of one kind, in order. Each fails the test with the other side's message when it is not there.
// They return copies, so that `const auto& d = decided(decide(...))` does not dangle.
#include <catch2/catch.hpp>

#include <boost/json.hpp>
#include <string>
#include <vector>

#include "engine/interpreter/interpreter.hpp"

namespace seminarflow::test {

inline Decision decided(const Outcome& outcome) {
    if (const auto* rejection = std::get_if<Rejection>(&outcome)) {
        FAIL("rejected (" << rejection_kind_name(rejection->kind) << ", " << rejection->rule
                          << "): " << rejection->message);
    }
    return std::get<Decision>(outcome);
}

inline Rejection rejected(const Outcome& outcome) {
    if (std::holds_alternative<Decision>(outcome)) FAIL("decided, but a rejection was expected");
    return std::get<Rejection>(outcome);
}

template <class T>
std::vector<T> effects_of(const Decision& decision) {
    std::vector<T> found;
    for (const auto& effect : decision.effects) {
        if (const auto* wanted = std::get_if<T>(&effect)) found.push_back(*wanted);
    }
    return found;
}

inline Instance instance_of(const Definition& definition, std::string state, boost::json::object data) {
    Instance instance;
    instance.id = definition.name + "-1";
    instance.workflow = definition.name;
    instance.definition_version = definition.version;
    instance.state = std::move(state);
    instance.data = std::move(data);
    return instance;
}

inline Event event_of(std::string type, boost::json::object payload = {}, Role role = Role::organiser) {
    return Event{std::move(type), std::move(payload), Actor{"token:" + std::string(role_name(role)), role}};
}

}  // namespace seminarflow::test
