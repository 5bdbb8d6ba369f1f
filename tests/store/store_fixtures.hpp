#pragma once
// What the instance, history and commit cases share: a migrated store with the definitions its
// instances reference (a foreign key), instances and commits as the runtime makes them, and
// direct looks at the tables.
#include <catch2/catch.hpp>

#include <memory>
#include <string>
#include <string_view>

#include "adapters/store/soci_store.hpp"
#include "engine/ports/commit.hpp"

// Shows the store's message when a call that should succeed did not.
#define STORE_REQUIRE_OK(result)                                                  \
    do {                                                                          \
        const auto& store_require_ok_result = (result);                           \
        INFO((store_require_ok_result.ok() ? "" : store_require_ok_result.error().message)); \
        REQUIRE(store_require_ok_result.ok());                                    \
    } while (false)

namespace seminarflow::test {

// Migrated, with definitions "seminar" and "submission" (version 1) saved.
std::unique_ptr<SociStore> migrated_store(const DatabaseUrl& url, std::size_t pool_size = 4);

std::string new_uuid();
Time time_at(std::string_view rfc3339);  // REQUIREs that it parses

// A seminar instance (version 1, state "draft") with Vietnamese text in its data.
Instance seminar(std::string id, std::optional<std::string> parent = std::nullopt,
                 std::string workflow = "seminar");
// What creating `instance` commits: the row and its first history entry (seq 1).
Commit creation(const Instance& instance);
// A transition of `instance` from version `from_version` to state `to`, with its history entry.
Commit transition(const Instance& instance, std::int64_t from_version, std::string to, boost::json::object data);

// What the API shows of `stored` (just created, so at version 1), as `got` read it back
// (find_instance, the listings, the instance readers): every field but what only guards read.
void check_shown_as_stored(const Instance& got, const Instance& stored);

// Rows in `table` (optionally `where`), read on a connection of the test's own.
long long count_rows(const DatabaseUrl& url, const std::string& table, const std::string& where = "");
// A single text value, e.g. a timer's state.
std::string query_text(const DatabaseUrl& url, const std::string& sql);

}  // namespace seminarflow::test
