#include "workflows/transition_coverage.hpp"

namespace seminarflow::test {

TransitionSet all_transitions(const Definition& definition) {
    TransitionSet transitions;
    for (const auto& state : definition.states) {
        for (const auto& transition : state.transitions) transitions.emplace(state.name, transition.event);
    }
    return transitions;
}

std::string describe_missing(const Definition& definition, const TransitionSet& walked) {
    std::string text;
    for (const auto& state : definition.states) {
        for (const auto& transition : state.transitions) {
            if (walked.contains({state.name, transition.event})) continue;
            const std::string target = transition.target ? definition.states[*transition.target].name : "(stays)";
            text += "  " + state.name + " --" + transition.event + "--> " + target + "  (" + definition.file + ":" +
                    std::to_string(transition.where.line) + ")\n";
        }
    }
    return text;
}

}  // namespace seminarflow::test
