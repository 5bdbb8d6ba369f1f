#pragma once
// The syntax of a message template's text: literal text and `{{ field }}` placeholders, where a
// field is a data field's name, or a path into an object field (`unit.name`). One reading of it
// serves both the loader (which fields a template uses) and the renderer (what to put where).
#include <string>
#include <string_view>
#include <vector>

#include "engine/model/result.hpp"

namespace seminarflow {

struct TemplatePiece {
    bool placeholder = false;
    std::string text;  // the literal text, or the placeholder's field path without spaces
};

// The pieces in order, or why the text is not a template: a `{{` never closed, or a placeholder
// that is not a field path.
Result<std::vector<TemplatePiece>, std::string> parse_template_text(std::string_view text);

// The data field a placeholder's path starts at: "unit" for `unit.name`.
std::string_view placeholder_field(std::string_view path);

}  // namespace seminarflow
