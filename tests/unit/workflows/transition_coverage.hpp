#pragma once
// Which transitions of a definition the walks decided: every (state, event) pair a definition
// declares must be walked at least once, so that a transition added to a YAML file without a
// walk fails the suite and is named.
#include <set>
#include <string>
#include <utility>

#include "engine/model/definition.hpp"

namespace seminarflow::test {

using TransitionKey = std::pair<std::string, std::string>;  // state, event
using TransitionSet = std::set<TransitionKey>;

TransitionSet all_transitions(const Definition& definition);

// "planned --invite--> inviting", one a line, for the transitions not in `walked`.
std::string describe_missing(const Definition& definition, const TransitionSet& walked);

}  // namespace seminarflow::test
