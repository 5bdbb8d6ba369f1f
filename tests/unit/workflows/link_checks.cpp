#include "workflows/link_checks.hpp"

#include <variant>

#include "engine/interpreter/interpreter.hpp"
#include "engine/interpreter/payload_check.hpp"

namespace seminarflow::test {

std::optional<std::string> check_spawn(const Catalogue& catalogue, const boost::json::object& parent_data,
                                       const SpawnChild& spawn, Time now) {
    const Definition* child = catalogue.find(spawn.workflow);
    if (!child) return "spawns '" + spawn.workflow + "', which is not in the catalogue";
    Instance instance;
    instance.id = spawn.workflow + "-spawned";
    instance.workflow = child->name;
    instance.definition_version = child->version;
    instance.state = child->states[child->initial].name;
    instance.data = spawn.data;
    instance.parent = "parent";
    instance.parent_data = parent_data;
    const Outcome outcome = start(*child, instance, now);
    if (const auto* rejection = std::get_if<Rejection>(&outcome)) {
        return "the spawned " + spawn.workflow + " cannot start (" + std::string(rejection_kind_name(rejection->kind)) +
               ", " + rejection->rule + "): " + rejection->message;
    }
    return {};
}

std::optional<std::string> check_signal(const Catalogue& catalogue, const Definition& child, const SignalParent& signal) {
    std::string refusals;
    for (const auto& parent_name : child.parents) {
        const Definition* parent = catalogue.find(parent_name);
        if (!parent) continue;
        for (const auto& state : parent->states) {
            const Transition* transition = state.find_transition(signal.event);
            if (!transition) continue;
            const auto problem = check_payload(transition->payload, signal.payload);
            if (!problem) return {};
            refusals += "; " + parent_name + "." + state.name + " refuses it: " + problem->message;
        }
    }
    return "no parent of " + child.name + " accepts the signal '" + signal.event + "'" + refusals;
}

}  // namespace seminarflow::test
