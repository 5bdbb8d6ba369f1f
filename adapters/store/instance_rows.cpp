#include "adapters/store/instance_rows.hpp"

#include "adapters/store/column_values.hpp"

namespace seminarflow {

std::string instance_columns(DatabaseBackend backend) {
    return "SELECT id, workflow, definition_version, state, " + select_json("data") + ", parent_id, version, " +
           select_time(backend, "created_at") + ", " + select_time(backend, "updated_at");
}

void exchange_instance_row(soci::statement& statement, InstanceRow& row) {
    statement.exchange(soci::into(row.id));
    statement.exchange(soci::into(row.workflow));
    statement.exchange(soci::into(row.definition_version));
    statement.exchange(soci::into(row.state));
    statement.exchange(soci::into(row.data));
    statement.exchange(soci::into(row.parent, row.parent_indicator));
    statement.exchange(soci::into(row.version));
    statement.exchange(soci::into(row.created_at));
    statement.exchange(soci::into(row.updated_at));
}

Result<Instance, StoreError> to_instance(const InstanceRow& row) {
    auto data = read_object(row.data, "instance data");
    auto created = read_time(row.created_at, "instance created_at");
    auto updated = read_time(row.updated_at, "instance updated_at");
    if (!data) return fail(std::move(data).error());
    if (!created) return fail(std::move(created).error());
    if (!updated) return fail(std::move(updated).error());
    Instance instance;
    instance.id = row.id;
    instance.workflow = row.workflow;
    instance.definition_version = row.definition_version;
    instance.state = row.state;
    instance.data = std::move(data).value();
    if (row.parent_indicator == soci::i_ok) instance.parent = row.parent;
    instance.version = row.version;
    instance.created_at = *created;
    instance.updated_at = *updated;
    return instance;
}

}  // namespace seminarflow
