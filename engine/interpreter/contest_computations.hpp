#pragma once
// The contest's bookkeeping that the declarative actions cannot do (workflows/contest.yaml):
// numbering the contestants as they register, keeping each juror's score, and ranking a regional
// round or the final by the rule of contest_standings.hpp, the top of each region advancing.
#include "engine/definition/load_context.hpp"

namespace seminarflow {

NamedComputations contest_computations();

}  // namespace seminarflow
