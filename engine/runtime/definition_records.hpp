#pragma once
// The definitions a node runs, as the store keeps them: every version's source, so that an
// instance can keep the version it started with, and a checksum, so that a file edited without
// a new version is noticed instead of silently changing running instances.
#include <string>
#include <string_view>
#include <vector>

#include "engine/definition/catalogue.hpp"
#include "engine/ports/store.hpp"

namespace seminarflow {

std::vector<DefinitionRecord> definition_records(const Catalogue& catalogue);

// SHA-256 of `text`, lower-case hex.
std::string sha256_hex(std::string_view text);

}  // namespace seminarflow
