// SociStore: instances as the API shows them, without what only guards read: one by id, listed,
// filtered, in keyset pages on (created_at, id); and the board, the same listing of a committee's
// events with what is late about each counted beside it.
//
// The SQL is built from the filters given (at most sixteen shapes), so that each runs as a plain
// equality on an indexed column; `(:x IS NULL OR column = :x)` would leave the planner a shape it
// cannot match to an index. Both backends compare row values: `(created_at, id) > (:at, :id)`.
#include "adapters/store/column_values.hpp"
#include "adapters/store/instance_rows.hpp"
#include "adapters/store/page_size.hpp"
#include "adapters/store/soci_store_impl.hpp"

namespace seminarflow {
namespace {

// Where the page starts, as the columns hold it.
struct Bounds {
    std::string workflow, state, parent, participant_kind, participant_ref, after_at, after_id;
    std::vector<std::string> workflows;  // the board's, each bound to a placeholder of its own
    long long limit = 0;
};

// The WHERE clause for `filter`, the board's `workflows` (as many placeholders) and the page's start.
std::string where_clause(const InstanceFilter& filter, std::size_t workflows, bool after) {
    std::string where;
    const auto add = [&where](std::string_view condition) {
        where += where.empty() ? " WHERE " : " AND ";
        where += condition;
    };
    if (filter.workflow) add("workflow = :workflow");
    if (workflows > 0) {
        std::string in = "workflow IN (";
        for (std::size_t index = 0; index < workflows; ++index) {
            in += (index == 0 ? ":w" : ", :w") + std::to_string(index);
        }
        add(in + ")");
    }
    if (filter.state) add("state = :state");
    if (filter.parent) add("parent_id = :parent");
    // Off participants_by_ref: a person or unit takes part in few instances of the many there are.
    if (filter.participant) {
        add("id IN (SELECT instance_id FROM participants WHERE kind = :participant_kind AND ref = :participant_ref)");
    }
    if (after) add("(created_at, id) > (:after_at, :after_id)");
    return where;
}

// The columns of an Instance, then `extra`, from the instances `where` keeps, a page's worth.
std::string listing_sql(DatabaseBackend backend, std::string_view extra, const std::string& where) {
    return instance_columns(backend) + std::string(extra) + " FROM instances" + where +
           " ORDER BY created_at, id LIMIT :limit";
}

// What the board counts for each event, a correlated count each: its tham luận not submitted
// (still invited, or lapsed) and its directives overdue, off instances_by_parent; and the
// deliveries of notifications about it or its children that failed (retrying after a failed
// attempt, failed, or dead), reached from those notifications by outbox_by_instance so that the
// dead letters of other events are never scanned. Inner tables are aliased, so `instances.id` is
// the listed event's.
constexpr std::string_view board_counts =
    ", (SELECT COUNT(*) FROM instances c WHERE c.parent_id = instances.id AND c.workflow = 'submission'"
    " AND c.state IN ('invited', 'lapsed'))"
    ", (SELECT COUNT(*) FROM instances c WHERE c.parent_id = instances.id AND c.workflow = 'directive'"
    " AND c.state = 'overdue')"
    ", (SELECT COUNT(*) FROM outbox o JOIN deliveries d ON d.notification_id = o.id"
    " WHERE o.instance_id IN (SELECT instances.id UNION ALL SELECT c.id FROM instances c WHERE c.parent_id = instances.id)"
    " AND (d.status IN ('failed', 'dead') OR (d.status = 'pending' AND (d.last_status_code IS NOT NULL"
    " OR d.last_error IS NOT NULL))))";

// Binds the filters given, the board's workflows and the page's start to the placeholders
// where_clause() wrote for them, and the page's size (one row more than the page tells whether
// another follows).
void bind_bounds(soci::statement& statement, Bounds& bounds, const InstanceFilter& filter,
                 const std::optional<InstancePosition>& after, std::size_t wanted) {
    bounds.workflow = filter.workflow.value_or("");
    bounds.state = filter.state.value_or("");
    bounds.parent = filter.parent.value_or("");
    if (filter.workflow) statement.exchange(soci::use(bounds.workflow, "workflow"));
    for (std::size_t index = 0; index < bounds.workflows.size(); ++index) {
        statement.exchange(soci::use(bounds.workflows[index], "w" + std::to_string(index)));
    }
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
    bounds.limit = rows_to_fetch(wanted);
    statement.exchange(soci::use(bounds.limit, "limit"));
}

// find_instance's statement, kept prepared on its connection (statement_cache.hpp).
struct SelectShownInstance : StatementCache::Entry {
    std::string id;  // the one asked for
    InstanceRow row;
    soci::statement statement;
    SelectShownInstance(soci::session& session, DatabaseBackend backend) : statement(session) {
        exchange_instance_row(statement, row);
        statement.exchange(soci::use(id, "id"));
        statement.alloc();
        statement.prepare(instance_columns(backend) + " FROM instances WHERE id = :id");
        statement.define_and_bind();
    }
};

// Runs `sql` (every exchange made) and hands each instance of the page to `take`, which reads
// what else the row holds; where the next page starts, if one does.
template <typename Take>
Result<std::optional<InstancePosition>, StoreError> fetch_page(soci::statement& statement, const std::string& sql,
                                                               InstanceRow& row, std::size_t wanted, Take take) {
    statement.alloc();
    statement.prepare(sql);
    statement.define_and_bind();
    statement.execute(false);
    InstancePosition last;
    for (std::size_t taken = 0; statement.fetch(); ++taken) {
        if (taken == wanted) return std::optional<InstancePosition>(std::move(last));
        auto instance = to_instance(row);
        if (!instance) return fail(std::move(instance).error());
        last = InstancePosition{instance->created_at, instance->id};
        take(std::move(instance).value());
        row.parent_indicator = soci::i_null;
    }
    return std::optional<InstancePosition>{};
}

}  // namespace

Result<std::optional<Instance>, StoreError> SociStore::find_instance(std::string_view id) {
    using Found = std::optional<Instance>;
    return impl_->with_connection<Found>(
        "find_instance", [&](soci::session&, StatementCache& statements) -> Result<Found, StoreError> {
            auto& select = statements.get<SelectShownInstance>();
            select.id = id;
            select.row.parent_indicator = soci::i_null;
            if (!run(select.statement, statements.backend())) return Found{};
            auto instance = to_instance(select.row);
            if (!instance) return fail(std::move(instance).error());
            return Found{std::move(instance).value()};
        });
}

Result<InstancePage, StoreError> SociStore::list_instances(const InstanceFilter& filter,
                                                           const std::optional<InstancePosition>& after,
                                                           std::size_t limit) {
    const DatabaseBackend backend = impl_->url_.backend;
    return impl_->with_connection<InstancePage>(
        "list_instances", [&](soci::session& session) -> Result<InstancePage, StoreError> {
            const std::size_t wanted = page_size(limit);
            Bounds bounds;
            InstanceRow row;
            soci::statement statement(session);
            exchange_instance_row(statement, row);
            bind_bounds(statement, bounds, filter, after, wanted);
            InstancePage page;
            auto next = fetch_page(statement, listing_sql(backend, "", where_clause(filter, 0, after.has_value())), row,
                                   wanted, [&](Instance instance) { page.items.push_back(std::move(instance)); });
            if (!next) return fail(std::move(next).error());
            page.next = std::move(next).value();
            return page;
        });
}

Result<BoardPage, StoreError> SociStore::list_board(const BoardQuery& query) {
    const DatabaseBackend backend = impl_->url_.backend;
    return impl_->with_connection<BoardPage>(
        "list_board", [&](soci::session& session) -> Result<BoardPage, StoreError> {
            if (query.workflows.empty()) return BoardPage{};
            const std::size_t wanted = page_size(query.limit);
            Bounds bounds;
            bounds.workflows = query.workflows;
            InstanceRow row;
            long long unsubmitted = 0, overdue = 0, failing = 0;
            soci::statement statement(session);
            exchange_instance_row(statement, row);
            statement.exchange(soci::into(unsubmitted));
            statement.exchange(soci::into(overdue));
            statement.exchange(soci::into(failing));
            bind_bounds(statement, bounds, InstanceFilter{}, query.after, wanted);
            const std::string sql =
                listing_sql(backend, board_counts, where_clause(InstanceFilter{}, query.workflows.size(), query.after.has_value()));
            BoardPage page;
            auto next = fetch_page(statement, sql, row, wanted, [&](Instance instance) {
                page.items.push_back(BoardRow{std::move(instance), unsubmitted, overdue, failing});
            });
            if (!next) return fail(std::move(next).error());
            page.next = std::move(next).value();
            return page;
        });
}

}  // namespace seminarflow
