#include "engine/runtime/definition_records.hpp"

#include <openssl/evp.h>

#include <stdexcept>

namespace seminarflow {

std::string sha256_hex(std::string_view text) {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    if (EVP_Digest(text.data(), text.size(), digest, &length, EVP_sha256(), nullptr) != 1) {
        throw std::runtime_error("OpenSSL could not compute a SHA-256");  // out of memory: a bug-class failure
    }
    static constexpr char digits[] = "0123456789abcdef";
    std::string hex;
    hex.reserve(length * 2);
    for (unsigned int i = 0; i < length; ++i) {
        hex += digits[digest[i] >> 4];
        hex += digits[digest[i] & 0x0F];
    }
    return hex;
}

std::vector<DefinitionRecord> definition_records(const Catalogue& catalogue) {
    std::vector<DefinitionRecord> records;
    for (const Definition* definition : catalogue.all()) {
        records.push_back({definition->name, definition->version, definition->source, sha256_hex(definition->source)});
    }
    return records;
}

StoredVersionsLoaded add_stored_versions(Catalogue& catalogue, const std::vector<DefinitionRecord>& records,
                                         const LoadContext& context) {
    StoredVersionsLoaded loaded;
    for (const DefinitionRecord& record : records) {
        if (catalogue.find(record.name, record.version)) continue;  // the current one
        // Named as the loader expects a workflow file to be, in a folder that says where it is from.
        const SourceFile file{"(stored version " + std::to_string(record.version) + ")/" + record.name + ".yaml",
                              record.source};
        auto added = catalogue.add_stored_version(file, context);
        if (!added) {
            loaded.problems.insert(loaded.problems.end(), added.error().begin(), added.error().end());
        } else {
            loaded.warnings.insert(loaded.warnings.end(), added->warnings.begin(), added->warnings.end());
        }
    }
    return loaded;
}

}  // namespace seminarflow
