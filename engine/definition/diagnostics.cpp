#include "engine/definition/diagnostics.hpp"

namespace seminarflow {

std::string format_diagnostic(const Diagnostic& diagnostic) {
    std::string text = diagnostic.file;
    if (diagnostic.where.line > 0) {
        text += ':' + std::to_string(diagnostic.where.line);
        if (diagnostic.where.column > 0) text += ':' + std::to_string(diagnostic.where.column);
    }
    return text + ": " + diagnostic.message;
}

}  // namespace seminarflow
