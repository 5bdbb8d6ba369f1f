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

struct StoredVersionsLoaded {
    // The versions that no longer load (say, a template they name is gone): their instances are
    // answered that their version is not loaded, and the others run.
    std::vector<Diagnostic> problems;
    // What the versions that load carry all the same (a template placeholder they have no field
    // for): for the log.
    std::vector<Diagnostic> warnings;
};

// Adds to `catalogue` every stored version that is not its current one, so that instances
// started on an older version go on running it after the file has moved on.
StoredVersionsLoaded add_stored_versions(Catalogue& catalogue, const std::vector<DefinitionRecord>& records,
                                         const LoadContext& context);

// SHA-256 of `text`, lower-case hex.
std::string sha256_hex(std::string_view text);

}  // namespace seminarflow
