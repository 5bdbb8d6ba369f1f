#pragma once
// One YAML file to one Definition, checked for everything the file alone can tell: its shape,
// states and targets, reachability, timers, templates, roles, audiences, payload and data
// fields. What needs the other definitions (types of parent fields, child workflows) is checked
// by the catalogue when it links them.
#include <optional>
#include <string>

#include "engine/definition/diagnostics.hpp"
#include "engine/definition/load_context.hpp"
#include "engine/model/definition.hpp"

namespace seminarflow {

struct SourceFile {
    std::string path;  // as shown in messages
    std::string text;
};

std::optional<Definition> parse_definition(const SourceFile& file, const LoadContext& context, DiagnosticSink& sink);

}  // namespace seminarflow
