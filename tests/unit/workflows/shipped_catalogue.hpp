#pragma once
// The workflows and templates as the repository ships them (SEMINARFLOW_SOURCE_DIR), loaded
// once for every walk: the walks test the real files, not copies of them.
#include <filesystem>

#include "engine/definition/catalogue.hpp"

namespace seminarflow::test {

std::filesystem::path source_dir();

// Fails the current test with every diagnostic if the shipped files do not load.
const Catalogue& shipped_catalogue();

}  // namespace seminarflow::test
