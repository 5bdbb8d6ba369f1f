#pragma once
// What the loader says about a definition it refuses: every problem, each with file:line:column;
// and what it loads all the same but warns of.
#include <string>
#include <vector>

#include "engine/model/source_location.hpp"

namespace seminarflow {

struct Diagnostic {
    std::string file;
    SourceLocation where;
    std::string message;
};

// "workflows/seminar.yaml:12:9: state 'planed' does not exist (did you mean 'planned'?)"
std::string format_diagnostic(const Diagnostic& diagnostic);

class DiagnosticSink {
public:
    explicit DiagnosticSink(std::string file) : file_(std::move(file)) {}
    void error(SourceLocation where, std::string message) {
        diagnostics_.push_back({file_, where, std::move(message)});
    }
    // What does not stop the definition from loading, but an operator should hear of.
    void warning(SourceLocation where, std::string message) {
        warnings_.push_back({file_, where, std::move(message)});
    }
    bool empty() const { return diagnostics_.empty(); }  // no errors (warnings may be)
    const std::string& file() const { return file_; }
    std::vector<Diagnostic>& diagnostics() { return diagnostics_; }
    std::vector<Diagnostic>& warnings() { return warnings_; }

private:
    std::string file_;
    std::vector<Diagnostic> diagnostics_;
    std::vector<Diagnostic> warnings_;
};

}  // namespace seminarflow
