#include "engine/model/definition.hpp"

namespace seminarflow {

std::string_view operator_text(CompareOp op) {
    switch (op) {
    case CompareOp::equal: return "==";
    case CompareOp::not_equal: return "!=";
    case CompareOp::less: return "<";
    case CompareOp::less_equal: return "<=";
    case CompareOp::greater: return ">";
    case CompareOp::greater_equal: return ">=";
    }
    return "?";
}

const Transition* State::find_transition(std::string_view event) const {
    const auto found = transition_by_event.find(event);
    return found == transition_by_event.end() ? nullptr : &transitions[found->second];
}

const State* Definition::find_state(std::string_view state_name) const {
    const auto found = state_by_name.find(state_name);
    return found == state_by_name.end() ? nullptr : &states[found->second];
}

const FieldSpec* Definition::find_field(std::string_view field_name) const {
    const auto found = field_by_name.find(field_name);
    return found == field_by_name.end() ? nullptr : &data[found->second];
}

bool Definition::handles_anywhere(std::string_view event) const {
    for (const auto& state : states) {
        if (state.find_transition(event)) return true;
    }
    return false;
}

}  // namespace seminarflow
