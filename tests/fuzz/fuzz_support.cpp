#include "tests/fuzz/fuzz_support.hpp"

#include <cstdio>
#include <cstdlib>

#include "engine/interpreter/named_code.hpp"

namespace seminarflow::fuzz {

const DefinitionSet& shipped_definitions() {
    static const DefinitionSet shipped = [] {
        const std::filesystem::path source = SEMINARFLOW_SOURCE_DIR;
        auto loaded = load_definition_set(source / "config" / "templates", source / "workflows", standard_named_code());
        if (!loaded) {
            for (const Diagnostic& diagnostic : loaded.error()) {
                std::fprintf(stderr, "%s\n", format_diagnostic(diagnostic).c_str());
            }
            std::abort();
        }
        return std::move(loaded).value();
    }();
    return shipped;
}

const LoadContext& shipped_load_context() {
    static const LoadContext context{shipped_definitions().templates.fields(), standard_named_code()};
    return context;
}

std::pair<std::string_view, std::string_view> first_line(std::string_view text) {
    const std::size_t end = text.find('\n');
    if (end == std::string_view::npos) return {text, {}};
    return {text.substr(0, end), text.substr(end + 1)};
}

void require(bool holds, std::string_view promise) {
    if (holds) return;
    std::fprintf(stderr, "fuzz: broken promise: %.*s\n", static_cast<int>(promise.size()), promise.data());
    std::abort();
}

}  // namespace seminarflow::fuzz
