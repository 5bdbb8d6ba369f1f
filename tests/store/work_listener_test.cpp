// The PostgreSQL listener on a real io_context: it hears other stores' commits, says why it
// cannot listen, and listens again after its connection is ended under it. Every wait is on what
// the listener reports (with a generous limit), never on a sleep.
#include <catch2/catch.hpp>

#include <boost/asio/io_context.hpp>
#include <boost/asio/thread_pool.hpp>

#include <condition_variable>
#include <mutex>
#include <thread>

#include <soci/soci.h>

#include "adapters/store/postgresql_work_listener.hpp"
#include "adapters/store/soci_store.hpp"
#include "tests/store/backends.hpp"
#include "tests/store/store_fixtures.hpp"

using seminarflow::test::PostgresqlBackend;

namespace seminarflow {
namespace {

constexpr std::chrono::seconds generous{30};

// A listener running on an I/O thread of its own, and everything it reported.
class ListenerUnderTest {
public:
    ListenerUnderTest(const DatabaseUrl& url, WorkListenerOptions options)
        : listener_(io_, blocking_, url, options, [this](const WorkListenerStatus& status) {
              const std::scoped_lock lock(mutex_);
              statuses_.push_back(status);
              changed_.notify_all();
          }) {
        listener_.start([this] {
            const std::scoped_lock lock(mutex_);
            ++wakes_;
            changed_.notify_all();
        });
        // The listener keeps the loop busy until it stops: no work guard, so run() returns then.
        thread_ = std::thread([this] { io_.run(); });
    }
    ~ListenerUnderTest() {
        listener_.stop();
        thread_.join();
        blocking_.join();
    }

    // Waits until `done(statuses, wakes)` holds; false if it did not within `generous`.
    template <class Done>
    bool wait_until(Done done) {
        std::unique_lock lock(mutex_);
        return changed_.wait_for(lock, generous, [&] { return done(statuses_, wakes_); });
    }

    // Waits for the n-th time it starts listening and returns what it reported then.
    WorkListenerStatus listening(std::size_t n = 1) {
        WorkListenerStatus found;
        const bool reached = wait_until([&](const std::vector<WorkListenerStatus>& statuses, std::size_t) {
            std::size_t seen = 0;
            for (const auto& status : statuses) {
                if (status.listening && ++seen == n) found = status;
            }
            return seen >= n;
        });
        REQUIRE(reached);
        return found;
    }

    std::size_t wakes() {
        const std::scoped_lock lock(mutex_);
        return wakes_;
    }

    std::vector<WorkListenerStatus> statuses() {
        const std::scoped_lock lock(mutex_);
        return statuses_;
    }

private:
    boost::asio::io_context io_;
    boost::asio::thread_pool blocking_{1};
    std::mutex mutex_;
    std::condition_variable changed_;
    std::vector<WorkListenerStatus> statuses_;
    std::size_t wakes_ = 0;
    PostgresqlWorkListener listener_;
    std::thread thread_;
};

// A new instance with a timer, committed: work another node may be waiting for.
void commit_work(SociStore& store) {
    const Instance instance = test::seminar(test::new_uuid());
    Commit commit = test::creation(instance);
    commit.timers_scheduled.push_back({instance.id, "remind", test::time_at("2026-11-30T08:00:00Z"), "remind"});
    const auto status = store.commit(commit);
    STORE_REQUIRE_OK(status);
    REQUIRE(*status == CommitStatus::committed);
}

const WorkListenerOptions quick_retry{.first_retry = std::chrono::milliseconds(10),
                                      .max_retry = std::chrono::milliseconds(40)};

}  // namespace

TEMPLATE_TEST_CASE("the listener wakes its node when another store commits work", "[store][notify][listener]",
                   PostgresqlBackend) {
    TestType database;
    const auto store = test::migrated_store(database.url());
    ListenerUnderTest listener(database.url(), quick_retry);
    CHECK(listener.listening().backend_pid > 0);
    // Listening starts with a wake of its own: what was committed before was not heard.
    REQUIRE(listener.wait_until([](const auto&, std::size_t wakes) { return wakes >= 1; }));
    const std::size_t before = listener.wakes();

    commit_work(*store);
    CHECK(listener.wait_until([&](const auto&, std::size_t wakes) { return wakes > before; }));
}

TEMPLATE_TEST_CASE("the listener listens again after its connection is ended", "[store][notify][listener]",
                   PostgresqlBackend) {
    TestType database;
    const auto store = test::migrated_store(database.url());
    DatabaseUrl unnamed = database.url();  // the test server's URL names its sessions
    std::erase_if(unnamed.parameters, [](const auto& parameter) { return parameter.first == "application_name"; });
    ListenerUnderTest listener(unnamed, quick_retry);
    const int first_pid = listener.listening().backend_pid;

    const auto admin = test::connect(database.url());
    // Named apart in pg_stat_activity, for the operator who wonders what the idle connection is.
    CHECK(test::query_text(database.url(), "SELECT application_name FROM pg_stat_activity WHERE pid = " +
                                               std::to_string(first_pid)) == "seminarflow listener");
    *admin << "SELECT pg_terminate_backend(" + std::to_string(first_pid) + ")";

    const WorkListenerStatus again = listener.listening(2);
    CHECK(again.backend_pid != first_pid);
    // On the way it said what happened, in the server's words, and when it would try again.
    const auto statuses = listener.statuses();
    REQUIRE(statuses.size() == 3);
    REQUIRE_FALSE(statuses[1].listening);
    CHECK_THAT(statuses[1].reason, Catch::Matchers::Contains("terminating connection due to administrator command"));
    CHECK(statuses[1].retry_in == quick_retry.first_retry);

    const std::size_t before = listener.wakes();
    commit_work(*store);
    CHECK(listener.wait_until([&](const auto&, std::size_t wakes) { return wakes > before; }));
}

TEMPLATE_TEST_CASE("a listener that cannot connect says why and tries again, ever later", "[store][notify][listener]",
                   PostgresqlBackend) {
    TestType database;
    ListenerUnderTest listener(database.unreachable_url(), quick_retry);
    REQUIRE(listener.wait_until([](const std::vector<WorkListenerStatus>& all, std::size_t) { return all.size() >= 4; }));
    const auto statuses = listener.statuses();
    for (const auto& status : statuses) {
        CHECK_FALSE(status.listening);
        CHECK_THAT(status.reason, Catch::Matchers::Contains(std::string(TestType::unreachable_reason)));
    }
    // The pause doubles, up to its bound.
    CHECK(statuses[0].retry_in == std::chrono::milliseconds(10));
    CHECK(statuses[1].retry_in == std::chrono::milliseconds(20));
    CHECK(statuses[2].retry_in == std::chrono::milliseconds(40));
    CHECK(statuses[3].retry_in == std::chrono::milliseconds(40));
    CHECK(listener.wakes() == 0);
}

}  // namespace seminarflow
