// SociStore: listing instances, filtered, in keyset pages on (created_at, id).
//
// The SQL is built from the filters given (at most sixteen shapes), so that each runs as a plain
// equality on an indexed column; `(:x IS NULL OR column = :x)` would leave the planner a shape it
// cannot match to an index. Both backends compare row values: `(created_at, id) > (:at, :id)`.
#include <climits>

#include "adapters/store/column_values.hpp"
#include "adapters/store/soci_store_impl.hpp"

namespace seminarflow {
namespace {

// Where the page starts, as the columns hold it.
struct Bounds {
    std::string workflow, state, parent, participant_kind, participant_ref, after_at, after_id;
    long long limit = 0;
};

// The columns of one listed row.
struct Row {
    std::string id, workflow, state, data, parent, created_at, updated_at;
    int definition_version = 0;
    long long version = 0;
    soci::indicator parent_indicator = soci::i_null;
};

std::string listing_sql(DatabaseBackend backend, const InstanceFilter& filter, bool after) {
    std::string where;
    const auto add = [&where](std::string_view condition) {
        where += where.empty() ? " WHERE " : " AND ";
        where += condition;
    };
    if (filter.workflow) add("workflow = :workflow");
    if (filter.state) add("state = :state");
    if (filter.parent) add("parent_id = :parent");
    // Off participants_by_ref: a person or unit takes part in few instances of the many there are.
    if (filter.participant) {
        add("id IN (SELECT instance_id FROM participants WHERE kind = :participant_kind AND ref = :participant_ref)");
    }
    if (after) add("(created_at, id) > (:after_at, :after_id)");
    return "SELECT id, workflow, definition_version, state, " + select_json("data") + ", parent_id, version, " +
           select_time(backend, "created_at") + ", " + select_time(backend, "updated_at") + " FROM instances" + where +
           " ORDER BY created_at, id LIMIT :limit";
}

Result<Instance, StoreError> to_instance(const Row& row) {
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

// Binds the filters given and the page's start to the placeholders listing_sql() wrote for them.
void bind_filters(soci::statement& statement, Bounds& bounds, const InstanceFilter& filter,
                  const std::optional<InstancePosition>& after) {
    bounds.workflow = filter.workflow.value_or("");
    bounds.state = filter.state.value_or("");
    bounds.parent = filter.parent.value_or("");
    if (filter.workflow) statement.exchange(soci::use(bounds.workflow, "workflow"));
    if (filter.state) statement.exchange(soci::use(bounds.state, "state"));
    if (filter.parent) statement.exchange(soci::use(bounds.parent, "parent"));
    if (filter.participant) {
        bounds.participant_kind = participant_kind_name(filter.participant->kind);
        bounds.participant_ref = filter.participant->ref;
        statement.exchange(soci::use(bounds.participant_kind, "participant_kind"));
        statement.exchange(soci::use(bounds.participant_ref, "participant_ref"));
    }
    if (after) {
        bounds.after_at = time_column(after->created_at);
        bounds.after_id = after->id;
        statement.exchange(soci::use(bounds.after_at, "after_at"));
        statement.exchange(soci::use(bounds.after_id, "after_id"));
    }
}

}  // namespace

Result<InstancePage, StoreError> SociStore::list_instances(const InstanceFilter& filter,
                                                           const std::optional<InstancePosition>& after,
                                                           std::size_t limit) {
    const DatabaseBackend backend = impl_->url_.backend;
    return impl_->with_connection<InstancePage>(
        "list_instances", [&](soci::session& session) -> Result<InstancePage, StoreError> {
            Bounds bounds;
            // One row more than the page tells whether another page follows.
            const std::size_t wanted = std::clamp<std::size_t>(limit, 1, LLONG_MAX - 1);
            bounds.limit = static_cast<long long>(wanted) + 1;
            Row row;
            soci::statement statement(session);
            statement.exchange(soci::into(row.id));
            statement.exchange(soci::into(row.workflow));
            statement.exchange(soci::into(row.definition_version));
            statement.exchange(soci::into(row.state));
            statement.exchange(soci::into(row.data));
            statement.exchange(soci::into(row.parent, row.parent_indicator));
            statement.exchange(soci::into(row.version));
            statement.exchange(soci::into(row.created_at));
            statement.exchange(soci::into(row.updated_at));
            bind_filters(statement, bounds, filter, after);
            statement.exchange(soci::use(bounds.limit, "limit"));
            statement.alloc();
            statement.prepare(listing_sql(backend, filter, after.has_value()));
            statement.define_and_bind();
            statement.execute(false);

            InstancePage page;
            while (statement.fetch()) {
                if (page.items.size() == wanted) {
                    const Instance& last = page.items.back();
                    page.next = InstancePosition{last.created_at, last.id};
                    break;
                }
                auto instance = to_instance(row);
                if (!instance) return fail(std::move(instance).error());
                page.items.push_back(std::move(instance).value());
                row.parent_indicator = soci::i_null;
            }
            return page;
        });
}

}  // namespace seminarflow
