#pragma once
// The checks that need every definition at hand: the types of expressions (a term may read a
// parent's field), child workflows that are spawned or counted, events signalled to parents.
#include <vector>

#include "engine/definition/diagnostics.hpp"
#include "engine/model/definition.hpp"

namespace seminarflow {

// Gives every expression its types; returns what does not fit (empty: all linked).
std::vector<Diagnostic> link_definitions(std::vector<Definition>& definitions);

}  // namespace seminarflow
