#pragma once
// Guards that the declarative conditions cannot say, written in C++ and named in definitions
// (`guard: [{named: units_distinct}]`). The composition root hands this set to the loader.
#include "engine/definition/load_context.hpp"

namespace seminarflow {

NamedGuards standard_named_guards();

}  // namespace seminarflow
