// Any bytes as a workflow file (engine/definition). The loader's promise: a file loads, or it is
// refused with at least one file:line:column diagnostic; never a crash, a hang or an exception.
// What loads is drawn (Mermaid and DOT, as GET /v1/workflows/{name}/diagram does), and the same
// file is added beside the shipped workflows as a stored older version, linked against them as
// one read back from the database is: the links to children and parents are checked there.
#include "engine/definition/diagram.hpp"
#include "tests/fuzz/fuzz_support.hpp"

using namespace seminarflow;

namespace {

void require_located(const std::vector<Diagnostic>& diagnostics) {
    fuzz::require(!diagnostics.empty(), "a refusal says why");
    for (const Diagnostic& diagnostic : diagnostics) {
        fuzz::require(!diagnostic.file.empty() && !diagnostic.message.empty(), "a diagnostic names its file and problem");
        fuzz::require(!format_diagnostic(diagnostic).empty(), "a diagnostic formats");
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const SourceFile file{"workflows/fuzzed.yaml", std::string(fuzz::as_text(data, size))};
    const LoadContext& context = fuzz::shipped_load_context();

    auto loaded = load_catalogue({file}, context);
    if (loaded) {
        for (const Definition* definition : loaded->all()) {
            fuzz::require(definition->initial < definition->states.size(), "the initial state is one of its states");
            const std::string highlight = definition->states[definition->initial].name;
            fuzz::require(!draw(*definition, DiagramFormat::mermaid, highlight).empty(), "a definition draws");
            fuzz::require(!draw(*definition, DiagramFormat::dot, highlight).empty(), "a definition draws");
        }
    } else {
        require_located(loaded.error());
    }

    Catalogue beside_shipped = fuzz::shipped_definitions().catalogue;  // add_stored_version adds to it
    auto stored = beside_shipped.add_stored_version(file, context);
    if (!stored) require_located(stored.error());
    return 0;
}
