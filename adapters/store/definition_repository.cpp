// SociStore: the workflow definitions every instance keeps the version of.
#include <chrono>

#include "adapters/store/column_values.hpp"
#include "adapters/store/soci_store_impl.hpp"
#include "adapters/store/transaction.hpp"

namespace seminarflow {

Result<Done, StoreError> SociStore::save_definitions(const std::vector<DefinitionRecord>& definitions) {
    const DatabaseBackend backend = impl_->url_.backend;
    return impl_->with_connection<Done>(
        "save_definitions", [&](soci::session& session) -> Result<Done, StoreError> {
            Transaction transaction(session, backend);
            const std::string loaded_at =
                time_column(std::chrono::time_point_cast<Duration>(std::chrono::system_clock::now()));
            for (const DefinitionRecord& definition : definitions) {
                // Insert-if-absent then compare, rather than look-then-insert: two nodes starting
                // together both get past a look, and the second insert would fail on the key.
                session << "INSERT INTO definitions (name, version, source, checksum, loaded_at)"
                           " VALUES (:name, :version, :source, :checksum, :loaded_at)"
                           " ON CONFLICT (name, version) DO NOTHING",
                    soci::use(definition.name), soci::use(definition.version), soci::use(definition.source),
                    soci::use(definition.checksum), soci::use(loaded_at);
                std::string stored;
                session << "SELECT checksum FROM definitions WHERE name = :name AND version = :version",
                    soci::into(stored), soci::use(definition.name), soci::use(definition.version);
                if (stored != definition.checksum) {
                    return fail(StoreError{"definition " + definition.name + " version " +
                                           std::to_string(definition.version) + " is already stored with checksum " +
                                           stored + ", not " + definition.checksum +
                                           ": a changed definition needs a new version"});
                }
            }
            transaction.commit();
            return Done{};
        });
}

Result<std::vector<DefinitionRecord>, StoreError> SociStore::load_definitions() {
    using Records = std::vector<DefinitionRecord>;
    return impl_->with_connection<Records>("load_definitions", [&](soci::session& session) -> Result<Records, StoreError> {
        DefinitionRecord row;
        soci::statement rows = (session.prepare << "SELECT name, version, source, checksum FROM definitions"
                                                   " ORDER BY name, version",
                                soci::into(row.name), soci::into(row.version), soci::into(row.source),
                                soci::into(row.checksum));
        rows.execute();
        Records records;
        while (rows.fetch()) records.push_back(row);
        return records;
    });
}

}  // namespace seminarflow
