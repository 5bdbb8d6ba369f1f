#pragma once
// A runtime over a fresh, migrated store (SQLite or PostgreSQL, see tests/store/backends.hpp)
// holding the shipped definitions, with a clock the test sets.
#include <catch2/catch.hpp>

#include <atomic>
#include <memory>
#include <string>

#include "adapters/store/soci_store.hpp"
#include "engine/runtime/definition_records.hpp"
#include "engine/runtime/runtime.hpp"
#include "engine/runtime/uuid_source.hpp"
#include "tests/support/settable_clock.hpp"

namespace seminarflow::test {

// The workflows and templates the repository ships, loaded once.
const Catalogue& shipped_workflows();

// The organiser's "plan" payload for a round-table on 2026-08-25, 14:00-17:00 in Hanoi.
boost::json::object plan_payload();
Event organiser_event(std::string type, boost::json::object payload);

template <class Backend>
struct Engine {
    explicit Engine(Time start = *parse_rfc3339("2026-08-04T01:30:00Z")) : clock(start) {
        if (!store->migrate()) throw std::runtime_error("migrate failed");
        auto saved = store->save_definitions(definition_records(shipped_workflows()));
        if (!saved) throw std::runtime_error(saved.error().message);
    }

    // Another node, or this one after a restart: its own store connections and runtime over the
    // same database and clock.
    struct Node {
        std::unique_ptr<SociStore> store;
        UuidV7Source ids;
        Runtime runtime;
        Node(const DatabaseUrl& url, const Clock& clock)
            : store(std::make_unique<SociStore>(url, SociStoreOptions{.pool_size = 4})), ids(clock),
              runtime(shipped_workflows(), *store, clock, ids) {}
    };
    std::unique_ptr<Node> node() const { return std::make_unique<Node>(database.url(), clock); }

    std::string seminar(std::string title) {
        auto created = runtime.create("seminar", boost::json::object{{"title", std::move(title)}}, std::nullopt,
                                      Actor{"ban-to-chuc", Role::organiser});
        if (!created) throw std::runtime_error(created.error().message);
        return created->instance.id;
    }

    void apply(const std::string& id, const Event& event) {
        auto applied = runtime.apply(id, event);
        INFO(event.type << ": " << (applied.ok() ? "" : applied.error().message));
        REQUIRE(applied.ok());
    }

    Instance load(const std::string& id) {
        auto loaded = store->load_instance(id);
        REQUIRE(loaded.ok());
        REQUIRE(loaded->has_value());
        return std::move(**loaded);
    }

    std::vector<HistoryEntry> history(const std::string& id) {
        auto entries = store->load_history(id, 0, 10'000);
        REQUIRE(entries.ok());
        return std::move(entries).value();
    }

    std::size_t events_named(const std::string& id, std::string_view event) {
        std::size_t count = 0;
        for (const auto& entry : history(id)) count += entry.event == event ? 1 : 0;
        return count;
    }

    Backend database;
    SettableClock clock;
    std::unique_ptr<SociStore> store = std::make_unique<SociStore>(database.url(), SociStoreOptions{.pool_size = 8});
    UuidV7Source ids{clock};
    Runtime runtime{shipped_workflows(), *store, clock, ids};
};

}  // namespace seminarflow::test
