#pragma once
// The durable store as the engine sees it. Adapters (adapters/store) implement it over SOCI.
// Every call blocks: callers run it on the store's own thread pool, never on an I/O thread.
#include <string>
#include <vector>

#include "engine/model/result.hpp"

namespace seminarflow {

struct StoreError {
    std::string message;
};

struct SchemaStatus {
    int current_version = 0;  // the highest migration applied to the database
    int latest_version = 0;   // the highest migration this binary knows
    bool up_to_date() const { return current_version == latest_version; }
};

struct MigrationReport {
    std::vector<int> applied;  // versions applied by this call, in order (empty: nothing to do)
    SchemaStatus status;
};

class Store {
public:
    virtual ~Store() = default;
    // Applies pending migrations. Safe when several processes call it at once on one empty
    // database: they serialise on a lock and each migration is applied exactly once.
    virtual Result<MigrationReport, StoreError> migrate() = 0;
    virtual Result<SchemaStatus, StoreError> schema_status() = 0;
    // One round trip to the database, for readiness checks.
    virtual Result<bool, StoreError> ping() = 0;
};

}  // namespace seminarflow
