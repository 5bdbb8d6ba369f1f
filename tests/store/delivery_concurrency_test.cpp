// The scale-out guarantee for deliveries: nodes fanning out and claiming at once never hand a
// notification over twice nor send one delivery twice, and between them take all of it.
#include <catch2/catch.hpp>

#include <latch>
#include <set>
#include <thread>

#include "engine/ports/clock.hpp"
#include "engine/runtime/uuid_source.hpp"
#include "tests/store/backends.hpp"
#include "tests/store/delivery_fixtures.hpp"
#include "tests/store/store_fixtures.hpp"

using seminarflow::test::PostgresqlBackend;
using seminarflow::test::SqliteBackend;

namespace seminarflow {

TEMPLATE_TEST_CASE("nodes fanning out and claiming at once hand over and send each delivery once",
                   "[store][deliveries][concurrency]", SqliteBackend, PostgresqlBackend) {
    TestType database;
    const DatabaseUrl& url = database.url();
    const auto store = test::migrated_store(url);
    for (const char* name : {"a", "b", "c"}) STORE_REQUIRE_OK(store->add_endpoint(test::webhook_endpoint(name, {}, 1000)));
    for (int seminar = 0; seminar < 20; ++seminar) {
        test::seminar_notifications(*store, {"seminar.planned", "seminar.cancelled"});
    }
    constexpr int nodes = 4;
    const Time now = test::time_at("2026-11-30T08:00:00Z");
    const Time lease = test::time_at("2026-11-30T09:00:00Z");
    std::vector<std::unique_ptr<SociStore>> stores;
    for (int node = 0; node < nodes; ++node) {
        stores.push_back(std::make_unique<SociStore>(url, SociStoreOptions{.pool_size = 1}));
    }
    std::vector<std::vector<std::string>> claimed(nodes);
    std::vector<std::string> errors(nodes);
    const SystemClock clock;
    UuidV7Source ids(clock);
    std::latch start(nodes);
    {
        std::vector<std::jthread> running;
        for (int node = 0; node < nodes; ++node) {
            running.emplace_back([&, node] {
                SociStore& mine = *stores[static_cast<std::size_t>(node)];
                const std::string owner = "node-" + std::to_string(node);
                start.arrive_and_wait();
                for (;;) {
                    auto handed = mine.fan_out_notifications(now, 3, ids);
                    auto taken = mine.claim_due_deliveries(owner, now, lease, 7);
                    if (!handed || !taken) {
                        errors[static_cast<std::size_t>(node)] = !handed ? handed.error().message : taken.error().message;
                        return;
                    }
                    if (*handed == 0 && taken->empty()) return;
                    for (const Delivery& delivery : *taken) claimed[static_cast<std::size_t>(node)].push_back(delivery.id);
                }
            });
        }
    }
    for (const auto& error : errors) CHECK(error.empty());
    std::set<std::string> all;
    std::size_t total = 0;
    for (const auto& ids_of_node : claimed) {
        total += ids_of_node.size();
        all.insert(ids_of_node.begin(), ids_of_node.end());
    }
    CHECK(test::count_rows(url, "deliveries") == 120);   // 40 notifications x 3 endpoints, once each
    CHECK(test::count_rows(url, "outbox", "status = 'pending'") == 0);
    CHECK(total == 120);      // nothing claimed twice ...
    CHECK(all.size() == 120); // ... and nothing left out
    CHECK(test::count_rows(url, "deliveries", "attempts = 1 AND lease_owner IS NOT NULL") == 120);
}

}  // namespace seminarflow
