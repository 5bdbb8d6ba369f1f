#include <catch2/catch.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <stdexcept>
#include <thread>

#include "engine/runtime/instance_lanes.hpp"

using namespace seminarflow;

namespace {

struct Item {
    std::string instance;
    int n = 0;
};

const std::string& instance_of(const Item& item) { return item.instance; }

}  // namespace

TEST_CASE("claimed work is split into one lane per instance, each in the claim's order", "[runtime][lanes]") {
    const std::vector<Item> items{{"a", 0}, {"b", 1}, {"a", 2}, {"c", 3}, {"b", 4}, {"a", 5}};
    const auto lanes = lanes_by_instance(items, instance_of);
    REQUIRE(lanes.size() == 3);
    CHECK(lanes[0] == std::vector<std::size_t>{0, 2, 5});
    CHECK(lanes[1] == std::vector<std::size_t>{1, 4});
    CHECK(lanes[2] == std::vector<std::size_t>{3});
    CHECK(lanes_by_instance(std::vector<Item>{}, instance_of).empty());
}

TEST_CASE("every lane runs once, never more of them at once than allowed", "[runtime][lanes]") {
    const std::size_t parallelism = GENERATE(std::size_t{2}, std::size_t{4}, std::size_t{64});
    LanePool pool(parallelism);
    // The pool keeps its threads from one run to the next: three runs, each complete.
    for (int run = 0; run < 3; ++run) {
        constexpr std::size_t lanes = 50;
        std::vector<std::atomic<int>> runs(lanes);
        std::atomic<std::size_t> running{0};
        std::atomic<std::size_t> most{0};
        std::mutex threads_mutex;
        std::vector<std::thread::id> threads;
        pool.run(lanes, [&](std::size_t lane) {
            const std::size_t now_running = ++running;
            std::size_t seen = most.load();
            while (now_running > seen && !most.compare_exchange_weak(seen, now_running)) {
            }
            ++runs[lane];
            {
                const std::lock_guard lock(threads_mutex);
                if (std::find(threads.begin(), threads.end(), std::this_thread::get_id()) == threads.end()) {
                    threads.push_back(std::this_thread::get_id());
                }
            }
            --running;
        });
        for (const auto& count : runs) CHECK(count == 1);
        CHECK(most <= parallelism);
        CHECK(threads.size() <= parallelism);
    }
}

TEST_CASE("a pool starts only the threads its busiest run needed", "[runtime][lanes]") {
    LanePool pool(64);
    CHECK(pool.threads() == 0);
    std::atomic<int> ran{0};
    pool.run(3, [&](std::size_t) { ++ran; });
    CHECK(ran == 3);
    CHECK(pool.threads() == 2);  // the caller takes a lane too
    pool.run(2, [&](std::size_t) { ++ran; });
    CHECK(pool.threads() == 2);
    pool.run(10, [&](std::size_t) { ++ran; });
    CHECK(pool.threads() == 9);
    pool.run(200, [&](std::size_t) { ++ran; });
    CHECK(pool.threads() == 63);
    CHECK(ran == 215);
}

TEST_CASE("the caller's work alongside runs while the lanes run on the pool's threads", "[runtime][lanes]") {
    LanePool pool(4);
    std::mutex mutex;
    std::condition_variable changed;
    std::size_t lanes_done = 0;
    bool all_lanes_seen = false;
    const auto caller = std::this_thread::get_id();
    std::atomic<bool> lane_on_caller{false};  // Catch's assertions are not for other threads
    pool.run(
        4,
        [&](std::size_t) {
            if (std::this_thread::get_id() == caller) lane_on_caller = true;
            const std::lock_guard lock(mutex);
            ++lanes_done;
            changed.notify_all();
        },
        [&] {
            // Returns only once every lane has run: they cannot be waiting for this thread.
            std::unique_lock lock(mutex);
            all_lanes_seen = changed.wait_for(lock, std::chrono::seconds(30), [&] { return lanes_done == 4; });
        });
    CHECK(all_lanes_seen);
    CHECK_FALSE(lane_on_caller);  // the caller was busy alongside meanwhile
    CHECK(lanes_done == 4);
    CHECK(pool.threads() == 4);
}

TEST_CASE("work alongside runs once even with one lane or none, and its exception is rethrown", "[runtime][lanes]") {
    const std::size_t parallelism = GENERATE(std::size_t{1}, std::size_t{8});
    LanePool pool(parallelism);
    int alongside = 0;
    std::atomic<int> lanes{0};
    pool.run(0, [&](std::size_t) { ++lanes; }, [&] { ++alongside; });
    pool.run(1, [&](std::size_t) { ++lanes; }, [&] { ++alongside; });
    CHECK(alongside == 2);
    CHECK(lanes == 1);
    CHECK_THROWS_WITH(pool.run(3, [&](std::size_t) { ++lanes; }, [] { throw std::runtime_error("claim broke"); }),
                      "claim broke");
}

TEST_CASE("with a parallelism of one (or none) lanes run in order on the caller's thread", "[runtime][lanes]") {
    const std::size_t parallelism = GENERATE(std::size_t{0}, std::size_t{1});
    LanePool pool(parallelism);
    CHECK(pool.parallelism() == 1);
    std::vector<std::size_t> order;
    const auto caller = std::this_thread::get_id();
    pool.run(5, [&](std::size_t lane) {
        CHECK(std::this_thread::get_id() == caller);
        order.push_back(lane);
    });
    CHECK(order == std::vector<std::size_t>{0, 1, 2, 3, 4});
}

TEST_CASE("no lanes, nothing runs", "[runtime][lanes]") {
    LanePool pool(8);
    bool ran = false;
    pool.run(0, [&](std::size_t) { ran = true; });
    CHECK_FALSE(ran);
}

TEST_CASE("a lane that throws (a bug) is rethrown to the caller, and the pool runs on", "[runtime][lanes]") {
    LanePool pool(4);
    std::atomic<int> finished{0};
    CHECK_THROWS_WITH(pool.run(20,
                               [&](std::size_t lane) {
                                   if (lane == 3) throw std::logic_error("lane 3 broke");
                                   ++finished;
                               }),
                      "lane 3 broke");
    CHECK(finished < 20);  // lane 3 never finished
    // No thread is left inside the failed run: the next one runs every lane, once.
    std::vector<std::atomic<int>> runs(10);
    pool.run(runs.size(), [&](std::size_t lane) { ++runs[lane]; });
    for (const auto& count : runs) CHECK(count == 1);
}
