#pragma once
// What a definition may refer to beyond its own file: message templates, and guards and
// computations written in C++.
#include <map>
#include <set>
#include <string>

#include "engine/model/definition.hpp"

namespace seminarflow {

// Each template's name and the data fields its placeholders use, in any language: what a
// workflow naming the template must have.
using TemplateFields = std::map<std::string, std::set<std::string, std::less<>>, std::less<>>;

using NamedGuards = StringMap<NamedGuardCheck>;
using NamedComputations = StringMap<NamedComputation>;

// What the declarative language cannot say, written in C++ and referred to by name. The
// composition root hands the standard set (engine/interpreter/named_code.hpp) to the loader.
struct NamedCode {
    NamedGuards guards;
    NamedComputations computations;
};

// A template placeholder that names no data field of the workflow notifying with it: refused for
// the current workflow files (it would reach every participant as a blank), only warned of for a
// stored older version. Templates move on with the release while an older version's instances
// still run: refusing it would strand them, and the blank ("—") is the lesser harm.
enum class PlaceholderCheck { refuse, warn };

struct LoadContext {
    TemplateFields templates;  // the names every language's template file defines, with their fields
    NamedCode named;
    PlaceholderCheck placeholders = PlaceholderCheck::refuse;
};

}  // namespace seminarflow
