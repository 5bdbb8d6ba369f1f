#pragma once
// What a definition may refer to beyond its own file: message templates and C++ guards.
#include <set>
#include <string>

#include "engine/model/definition.hpp"

namespace seminarflow {

using NamedGuards = StringMap<NamedGuardCheck>;

struct LoadContext {
    std::set<std::string, std::less<>> templates;  // names every language's template file defines
    NamedGuards named_guards;
};

}  // namespace seminarflow
