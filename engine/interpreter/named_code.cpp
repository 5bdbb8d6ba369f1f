#include "engine/interpreter/named_code.hpp"

#include "engine/interpreter/contest_computations.hpp"
#include "engine/interpreter/named_guards.hpp"

namespace seminarflow {

NamedCode standard_named_code() { return NamedCode{standard_named_guards(), contest_computations()}; }

}  // namespace seminarflow
