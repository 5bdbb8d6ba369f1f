// SociStore: pages of the organisation's directory in ref order (keyset pages on the primary
// key), and a unit's descendants, walked down units_by_parent with a recursive query that SQLite
// and PostgreSQL both run. The walk ends because the store never lets a unit be its own ancestor.
#include <algorithm>
#include <cstdint>
#include <optional>
#include <utility>

#include "adapters/store/directory_rows.hpp"
#include "adapters/store/page_size.hpp"
#include "adapters/store/soci_store_impl.hpp"

namespace seminarflow {
namespace {

// What a listing's filters bind, kept alive while its statement runs; the query text names only
// the parameters that are set.
struct Bounds {
    std::string kind, parent, unit, root;
    int depth = 0;
};

// A page's own bounds: the ref it starts after, and one row more than it holds (which tells
// whether another page follows).
struct PageBounds {
    std::size_t wanted = 0;
    std::optional<std::string> after;
    long long limit = 0;

    PageBounds(std::size_t requested, std::optional<std::string> from)
        : wanted(page_size(requested)), after(std::move(from)), limit(rows_to_fetch(wanted)) {}
};

// Runs `sql` with what `bind` exchanges and reads up to `wanted` rows of `Row`, naming the ref
// of the last one as the next page's start if there are more.
template <class Row, class Page, class Bind>
Result<Page, StoreError> fetch_rows(soci::session& session, const std::string& sql, std::size_t wanted, Bind bind) {
    Row row;
    soci::statement statement(session);
    row.bind(statement);
    bind(statement);
    statement.alloc();
    statement.prepare(sql);
    statement.define_and_bind();
    statement.execute(false);
    Page page;
    while (statement.fetch()) {
        if (page.items.size() == wanted) {
            page.next = page.items.back().ref;
            break;
        }
        auto entry = row.read();
        if (!entry) return fail(std::move(entry).error());
        page.items.push_back(std::move(entry).value());
    }
    return page;
}

// One keyset page: `sql` ends with the :after bound (when `page.after` is set) and :limit, which
// this binds beside what `bind` exchanges.
template <class Row, class Page, class Bind>
Result<Page, StoreError> fetch_page(soci::session& session, const std::string& sql, PageBounds& page, Bind bind) {
    return fetch_rows<Row, Page>(session, sql, page.wanted, [&](soci::statement& statement) {
        bind(statement);
        if (page.after) statement.exchange(soci::use(*page.after, "after"));
        statement.exchange(soci::use(page.limit, "limit"));
    });
}

std::string descendants_sql(DatabaseBackend backend, const DescendantQuery& query, bool after, bool limited = true) {
    std::string sql =
        "WITH RECURSIVE tree (ref, depth) AS ("
        " SELECT ref, 1 FROM units WHERE parent = :root"
        " UNION ALL"
        " SELECT child.ref, tree.depth + 1 FROM units child JOIN tree ON child.parent = tree.ref";
    if (query.depth) sql += " WHERE tree.depth < :depth";
    sql += ") SELECT " + unit_columns(backend, "u") + " FROM tree JOIN units u ON u.ref = tree.ref WHERE 1 = 1";
    if (query.kind) sql += " AND u.kind = :kind";
    if (after) sql += " AND u.ref > :after";
    return sql + (limited ? " ORDER BY u.ref LIMIT :limit" : " ORDER BY u.ref");
}

}  // namespace

Result<std::vector<Unit>, StoreError> select_descendants(soci::session& session, DatabaseBackend backend,
                                                         const DescendantQuery& query) {
    Bounds bounds;
    bounds.root = query.root;
    bounds.depth = query.depth.value_or(0);
    if (query.kind) bounds.kind = unit_kind_name(*query.kind);
    auto page = fetch_rows<UnitRow, UnitPage>(session, descendants_sql(backend, query, false, false), SIZE_MAX,
                                              [&](soci::statement& statement) {
                                                  statement.exchange(soci::use(bounds.root, "root"));
                                                  if (query.depth) statement.exchange(soci::use(bounds.depth, "depth"));
                                                  if (query.kind) statement.exchange(soci::use(bounds.kind, "kind"));
                                              });
    if (!page) return fail(std::move(page).error());
    return std::move(page->items);
}

Result<UnitPage, StoreError> SociStore::list_units(const UnitFilter& filter, const std::optional<std::string>& after,
                                                   std::size_t limit) {
    const DatabaseBackend backend = impl_->url_.backend;
    return impl_->with_connection<UnitPage>("list_units", [&](soci::session& session) {
        Bounds bounds;
        PageBounds page(limit, after);
        std::string sql = "SELECT " + unit_columns(backend) + " FROM units WHERE 1 = 1";
        if (filter.kind) sql += " AND kind = :kind";
        if (filter.parent) sql += " AND parent = :parent";
        if (after) sql += " AND ref > :after";
        sql += " ORDER BY ref LIMIT :limit";
        return fetch_page<UnitRow, UnitPage>(session, sql, page, [&](soci::statement& statement) {
            if (filter.kind) bounds.kind = unit_kind_name(*filter.kind);
            if (filter.kind) statement.exchange(soci::use(bounds.kind, "kind"));
            if (filter.parent) bounds.parent = *filter.parent;
            if (filter.parent) statement.exchange(soci::use(bounds.parent, "parent"));
        });
    });
}

Result<std::optional<UnitPage>, StoreError> SociStore::list_descendants(const DescendantQuery& query,
                                                                        const std::optional<std::string>& after,
                                                                        std::size_t limit) {
    using Found = std::optional<UnitPage>;
    const DatabaseBackend backend = impl_->url_.backend;
    return impl_->with_connection<Found>("list_descendants", [&](soci::session& session) -> Result<Found, StoreError> {
        if (!unit_exists(session, query.root)) return Found{};
        Bounds bounds;
        bounds.root = query.root;
        PageBounds page(limit, after);
        auto found = fetch_page<UnitRow, UnitPage>(
            session, descendants_sql(backend, query, after.has_value()), page, [&](soci::statement& statement) {
                statement.exchange(soci::use(bounds.root, "root"));
                bounds.depth = query.depth.value_or(0);
                if (query.depth) statement.exchange(soci::use(bounds.depth, "depth"));
                if (query.kind) bounds.kind = unit_kind_name(*query.kind);
                if (query.kind) statement.exchange(soci::use(bounds.kind, "kind"));
            });
        if (!found) return fail(std::move(found).error());
        return Found{std::move(found).value()};
    });
}

Result<PersonPage, StoreError> SociStore::list_people(const PersonFilter& filter,
                                                      const std::optional<std::string>& after, std::size_t limit) {
    const DatabaseBackend backend = impl_->url_.backend;
    return impl_->with_connection<PersonPage>("list_people", [&](soci::session& session) {
        Bounds bounds;
        PageBounds page(limit, after);
        std::string sql = "SELECT " + person_columns(backend) + " FROM people WHERE 1 = 1";
        if (filter.unit) sql += " AND unit = :unit";
        if (after) sql += " AND ref > :after";
        sql += " ORDER BY ref LIMIT :limit";
        return fetch_page<PersonRow, PersonPage>(session, sql, page, [&](soci::statement& statement) {
            if (filter.unit) bounds.unit = *filter.unit;
            if (filter.unit) statement.exchange(soci::use(bounds.unit, "unit"));
        });
    });
}

}  // namespace seminarflow
