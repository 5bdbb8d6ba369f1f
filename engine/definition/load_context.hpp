#pragma once
// What a definition may refer to beyond its own file: message templates and C++ guards.
#include <map>
#include <set>
#include <string>

#include "engine/model/definition.hpp"

namespace seminarflow {

// Each template's name and the data fields its placeholders use, in any language: what a
// workflow naming the template must have.
using TemplateFields = std::map<std::string, std::set<std::string, std::less<>>, std::less<>>;

using NamedGuards = StringMap<NamedGuardCheck>;

struct LoadContext {
    TemplateFields templates;  // the names every language's template file defines, with their fields
    NamedGuards named_guards;
};

}  // namespace seminarflow
