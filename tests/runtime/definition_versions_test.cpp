// An instance keeps the definition version it started on: after the file moves to version 2 and
// the node restarts, the stored version 1 is loaded beside it, instances on 1 go on by its
// rules, and new instances start on 2. Without the stored version, an instance on 1 is stuck.
#include <catch2/catch.hpp>

#include "adapters/store/soci_store.hpp"
#include "engine/interpreter/named_code.hpp"
#include "engine/runtime/definition_records.hpp"
#include "engine/runtime/runtime.hpp"
#include "engine/runtime/uuid_source.hpp"
#include "tests/runtime/engine_fixture.hpp"
#include "tests/store/backends.hpp"

using seminarflow::test::PostgresqlBackend;
using seminarflow::test::SqliteBackend;

namespace seminarflow {
namespace {

constexpr std::string_view ticket_v1 = R"(name: ticket
version: 1
initial: open
states:
  open:
    on:
      close: {target: closed, roles: [organiser]}
  closed:
    type: final
)";

constexpr std::string_view ticket_v2 = R"(name: ticket
version: 2
initial: open
states:
  open:
    on:
      submit: {target: review, roles: [organiser]}
  review:
    on:
      close: {target: closed, roles: [organiser]}
  closed:
    type: final
)";

LoadContext context() { return LoadContext{{}, standard_named_code()}; }

Catalogue catalogue_of(std::string_view yaml) {
    auto catalogue = load_catalogue({SourceFile{"workflows/ticket.yaml", std::string(yaml)}}, context());
    REQUIRE(catalogue.ok());
    return std::move(catalogue).value();
}

const Actor organiser{"ban-to-chuc", Role::organiser};

}  // namespace

TEMPLATE_TEST_CASE("an instance keeps the definition version it started on", "[runtime][versions]", SqliteBackend,
                   PostgresqlBackend) {
    TestType database;
    test::SettableClock clock(*parse_rfc3339("2026-11-22T08:00:00Z"));
    UuidV7Source ids(clock);
    SociStore store(database.url(), SociStoreOptions{.pool_size = 2});
    REQUIRE(store.migrate().ok());

    // Release 1 runs ticket v1 and starts an instance on it.
    const Catalogue first = catalogue_of(ticket_v1);
    REQUIRE(store.save_definitions(definition_records(first)).ok());
    Runtime runtime_1(first, store, clock, ids);
    const std::string old_id = runtime_1.create("ticket", {}, std::nullopt, organiser).value().instance.id;

    // Release 2 ships ticket v2, saves it, and loads what is stored beside it.
    Catalogue second = catalogue_of(ticket_v2);
    REQUIRE(store.save_definitions(definition_records(second)).ok());

    SECTION("with the stored versions loaded, the old instance moves by version 1's rules") {
        const auto stored = store.load_definitions();
        REQUIRE(stored.ok());
        CHECK(add_stored_versions(second, *stored, context()).problems.empty());
        Runtime runtime_2(second, store, clock, ids);

        const auto closed = runtime_2.apply(old_id, Event{"close", {}, organiser});
        INFO((closed.ok() ? "" : closed.error().message));
        REQUIRE(closed.ok());
        CHECK(closed->instance.state == "closed");
        CHECK(closed->instance.definition_version == 1);
        CHECK(closed->entry.definition_version == 1);

        // New instances start on version 2, where `close` waits for a review.
        const auto created = runtime_2.create("ticket", {}, std::nullopt, organiser);
        REQUIRE(created.ok());
        CHECK(created->instance.definition_version == 2);
        const auto refused = runtime_2.apply(created->instance.id, Event{"close", {}, organiser});
        REQUIRE_FALSE(refused.ok());
        CHECK(refused.error().kind == ApplyError::Kind::rejected);
        CHECK(runtime_2.apply(created->instance.id, Event{"submit", {}, organiser}).ok());
    }
    SECTION("without them, the old instance cannot move, and says why") {
        Runtime runtime_2(second, store, clock, ids);
        const auto stuck = runtime_2.apply(old_id, Event{"close", {}, organiser});
        REQUIRE_FALSE(stuck.ok());
        CHECK(stuck.error().kind == ApplyError::Kind::unknown_workflow);
        CHECK_THAT(stuck.error().message, Catch::Matchers::Contains("ticket v1"));
    }
}

}  // namespace seminarflow
