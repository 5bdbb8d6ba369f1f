#pragma once
// Workflow definitions written in the tests themselves, loaded exactly as the engine loads files:
// a list of SourceFile given to load_catalogue() with a LoadContext the test controls.
#include <string>
#include <string_view>
#include <vector>

#include "engine/definition/catalogue.hpp"
#include "engine/definition/diagnostics.hpp"
#include "engine/definition/load_context.hpp"

namespace seminarflow::test {

// The templates every fixture may notify with, and the standard C++ guards and computations.
LoadContext test_context();

// `workflows/NAME.yaml` holding `yaml`. A leading newline is dropped, so that a raw string
// literal opened on its own line numbers its first YAML line 1.
SourceFile workflow_file(std::string_view name, std::string_view yaml);

// Loads, failing the test with every diagnostic if the loader refuses.
Catalogue load_ok(std::vector<SourceFile> files);
// Loads, failing the test if the loader accepts; returns what it said.
std::vector<Diagnostic> load_refused(std::vector<SourceFile> files);

// The one diagnostic the loader gives for `yaml` as workflows/NAME.yaml; fails the test if it
// accepts the file or says more than one thing (a refusal must not drown in its consequences).
Diagnostic single_refusal(std::string_view name, std::string_view yaml);

// Every diagnostic formatted as file:line:column: message, one per line, for failure output.
std::string formatted(const std::vector<Diagnostic>& diagnostics);

// The 1-based line of the only occurrence of `marker` in `yaml` (as workflow_file() numbers
// it). Tests say where a diagnostic must point by quoting the text that is wrong.
int line_of(std::string_view yaml, std::string_view marker);

}  // namespace seminarflow::test
