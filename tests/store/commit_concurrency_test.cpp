// Concurrent steps on one instance never lose an update: the guarantee optimistic concurrency
// gives, checked with real threads on real connections. Without the version check in commit()
// two threads that read the same counter would both write counter + 1 and one increment would
// vanish; history would then also have a duplicate seq (refused) or a gap.
#include <catch2/catch.hpp>

#include <atomic>
#include <latch>
#include <thread>

#include "adapters/store/soci_store.hpp"
#include "tests/store/backends.hpp"
#include "tests/store/store_fixtures.hpp"

using seminarflow::test::PostgresqlBackend;
using seminarflow::test::SqliteBackend;

namespace seminarflow {

TEMPLATE_TEST_CASE("concurrent read-modify-commit on one instance loses no update", "[store][commit][concurrency]",
                   SqliteBackend, PostgresqlBackend) {
    constexpr int threads = 4;
    constexpr int increments_per_thread = 50;
    TestType database;
    // Two stores, as two nodes would be, each with connections for half the threads.
    const auto node_a = test::migrated_store(database.url(), threads / 2);
    const auto node_b = std::make_unique<SociStore>(database.url(), SociStoreOptions{.pool_size = threads / 2});
    const Instance seminar = test::seminar(test::new_uuid());
    REQUIRE(node_a->commit(test::creation(seminar)).value() == CommitStatus::committed);

    std::atomic<int> committed{0};
    std::atomic<int> conflicts{0};
    std::vector<std::string> errors(threads);
    std::latch start(threads);
    {
        std::vector<std::jthread> running;
        for (int t = 0; t < threads; ++t) {
            SociStore& store = t % 2 == 0 ? *node_a : *node_b;
            running.emplace_back([&, t, &store = store] {
                start.arrive_and_wait();
                for (int done = 0; done < increments_per_thread;) {
                    auto loaded = store.load_instance(seminar.id);
                    if (!loaded || !loaded->has_value()) {
                        errors[t] = loaded ? "instance vanished" : loaded.error().message;
                        return;
                    }
                    const Instance& current = **loaded;
                    boost::json::object data = current.data;
                    data["count"] = data.at("count").as_int64() + 1;
                    const Commit commit = test::transition(current, current.version, "draft", data);
                    auto status = store.commit(commit);
                    if (!status) {
                        errors[t] = status.error().message;
                        return;
                    }
                    if (*status == CommitStatus::committed) {
                        ++done;
                        ++committed;
                    } else if (*status == CommitStatus::version_conflict) {
                        ++conflicts;  // re-read and decide again
                    } else {
                        errors[t] = "unexpected commit status";
                        return;
                    }
                }
            });
        }
    }
    for (const auto& error : errors) CHECK(error.empty());
    REQUIRE(committed == threads * increments_per_thread);

    const auto loaded = node_a->load_instance(seminar.id).value();
    REQUIRE(loaded.has_value());
    CHECK(loaded->data.at("count").as_int64() == committed);
    CHECK(loaded->version == committed + 1);
    const auto history = node_a->load_history(seminar.id, 0, 10'000).value();
    REQUIRE(history.size() == static_cast<std::size_t>(committed + 1));
    for (std::size_t i = 0; i < history.size(); ++i) {
        CAPTURE(i);
        CHECK(history[i].seq == static_cast<std::int64_t>(i) + 1);
        // Each entry records the counter its step wrote: 0 at creation, then 1, 2, 3 ...
        if (i > 0) CHECK(history[i].from == "draft");
    }
    // Not a proof by itself, but a run without a single conflict would not have tested much.
    WARN("version conflicts retried: " << conflicts.load());
}

}  // namespace seminarflow
