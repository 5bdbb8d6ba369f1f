#pragma once
// Draws a definition: Mermaid (renders in GitHub, GitLab and the dashboard) and Graphviz DOT.
// An instance's current state can be highlighted.
#include <optional>
#include <string>
#include <string_view>

#include "engine/model/definition.hpp"

namespace seminarflow {

enum class DiagramFormat { mermaid, dot };

std::optional<DiagramFormat> parse_diagram_format(std::string_view name);
std::string draw(const Definition& definition, DiagramFormat format, std::string_view highlight = {});

}  // namespace seminarflow
