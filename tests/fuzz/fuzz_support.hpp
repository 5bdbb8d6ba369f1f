#pragma once
// What the fuzz targets share: the repository's own templates and workflows, loaded once, and
// the way a target says that an input broke a promise of the code it drives.
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <utility>

#include "engine/definition/definition_set.hpp"

namespace seminarflow::fuzz {

// config/templates and workflows/ as the repository ships them (SEMINARFLOW_SOURCE_DIR); aborts
// if they do not load, as no target can say anything without them.
const DefinitionSet& shipped_definitions();
// What a workflow file may refer to: the shipped templates' names and the standard named guards.
const LoadContext& shipped_load_context();

inline std::string_view as_text(const std::uint8_t* data, std::size_t size) {
    return {reinterpret_cast<const char*>(data), size};
}

// The input's first line (without its '\n') and the rest: many targets take a line that picks
// what to drive and a document to drive it with.
std::pair<std::string_view, std::string_view> first_line(std::string_view text);

// Aborts with `promise` when `holds` is false: libFuzzer keeps the input as a crash, and the
// replay test fails on it.
void require(bool holds, std::string_view promise);

}  // namespace seminarflow::fuzz
