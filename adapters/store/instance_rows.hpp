#pragma once
// An instance's row as the API shows it (without what only guards read), read as text: what
// find_instance, the listings (instance_listing.cpp) and the PostgreSQL instance reader
// (instance_reading_connection.cpp) turn into an Instance. Internal to adapters/store (it shows
// SOCI).
#include <string>

#include <soci/soci.h>

#include "adapters/store/database_url.hpp"
#include "engine/model/instance.hpp"
#include "engine/model/result.hpp"
#include "engine/ports/store.hpp"

namespace seminarflow {

struct InstanceRow {
    std::string id, workflow, state, data, parent, created_at, updated_at;
    int definition_version = 0;
    long long version = 0;
    soci::indicator parent_indicator = soci::i_null;
};

// "SELECT" and the columns of an InstanceRow, in its order (without FROM).
std::string instance_columns(DatabaseBackend backend);

// Binds the columns of instance_columns() to `row`.
void exchange_instance_row(soci::statement& statement, InstanceRow& row);

Result<Instance, StoreError> to_instance(const InstanceRow& row);

}  // namespace seminarflow
