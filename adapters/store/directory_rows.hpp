#pragma once
// Units and people as their rows hold them, for the directory's queries (directory_repository.cpp,
// directory_changes.cpp, directory_listing.cpp, unit_invitations.cpp). Internal to adapters/store
// (it shows SOCI).
#include <optional>
#include <string>
#include <vector>

#include <soci/soci.h>

#include "adapters/store/database_url.hpp"
#include "engine/model/directory.hpp"
#include "engine/ports/store.hpp"

namespace seminarflow {

// The SELECT list a UnitRow reads, columns of table alias `table` ("units", "u" ...).
std::string unit_columns(DatabaseBackend backend, std::string_view table = "units");
std::string person_columns(DatabaseBackend backend);

// A row of units as SOCI fills it. A NULL parent is read as '' (no ref is empty).
struct UnitRow {
    std::string ref, kind, name, parent, contact, language, created_at, updated_at;
    void bind(soci::statement& statement);
    Result<Unit, StoreError> read() const;
};

struct PersonRow {
    std::string ref, name, unit, title, contact, language, created_at, updated_at;
    void bind(soci::statement& statement);
    Result<Person, StoreError> read() const;
};

// The unit (person) with `ref`, read in the session's transaction if one is open.
Result<std::optional<Unit>, StoreError> select_unit(soci::session& session, DatabaseBackend backend,
                                                    const std::string& ref);
Result<std::optional<Person>, StoreError> select_person(soci::session& session, DatabaseBackend backend,
                                                        const std::string& ref);

bool unit_exists(soci::session& session, const std::string& ref);

// Directory writes are few (an operator's import, a committee's POST, PATCH or DELETE): one at a
// time costs nothing and keeps each plan true until its commit. On SQLite BEGIN IMMEDIATE holds
// the one write lock already; on PostgreSQL this takes an advisory lock until the transaction
// ends. Call it first thing in the transaction.
void serialise_directory_writes(soci::session& session, DatabaseBackend backend);

// A lookup for the planners (engine/directory) that remembers the first store error, since their
// callbacks answer only "there" or "not there".
template <class Entry>
struct Lookup {
    std::optional<StoreError> error;

    template <class Select>
    std::optional<Entry> find(Select select, const std::string& ref) {
        if (error) return std::nullopt;
        auto found = select(ref);
        if (!found) {
            error = std::move(found).error();
            return std::nullopt;
        }
        return std::move(found).value();
    }
};

// Every unit `query` selects, in ref order (directory_listing.cpp): what an invitation invites.
Result<std::vector<Unit>, StoreError> select_descendants(soci::session& session, DatabaseBackend backend,
                                                         const DescendantQuery& query);

}  // namespace seminarflow
