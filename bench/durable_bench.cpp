// Durable transitions per second: events applied through the Runtime onto a real store, each one
// its own commit (the instance moved by compare-and-swap, a history entry, an outbox delivery).
//
//   durable_bench URL WORKFLOWS_DIR TEMPLATES_DIR CONCURRENCY SECONDS
//
// Migrates URL (sqlite:///... or postgresql://...), saves the definitions, creates CONCURRENCY
// seminars and plans them, then runs CONCURRENCY threads for SECONDS, each applying `amend` to
// its own seminar in a loop. One instance per thread means no version conflicts: what is
// measured is the cost of a transition and how the store takes concurrent commits, not retries.
// Prints one JSON line.
#include <algorithm>
#include <atomic>
#include <boost/json.hpp>
#include <chrono>
#include <cstdint>
#include <iostream>
#include <latch>
#include <string>
#include <thread>
#include <vector>

#include "adapters/store/soci_store.hpp"
#include "bench/planned_seminars.hpp"
#include "engine/runtime/definition_records.hpp"
#include "engine/runtime/runtime.hpp"
#include "engine/runtime/uuid_source.hpp"

namespace {

using namespace seminarflow;
using Steady = std::chrono::steady_clock;  // for the measurement; the runtime gets the system clock

// More connections than this buy nothing on a 2-core machine and run into PostgreSQL's default
// max_connections (100); past it threads wait for a connection, as a server's would.
constexpr std::size_t max_pool_size = 64;

constexpr std::uint64_t warm_up_transitions = 4;

struct Worker {
    std::vector<std::int64_t> latencies_ns;  // one per committed transition
    std::uint64_t failures = 0;
    std::string first_failure;
};

void run_worker(Runtime& runtime, const std::string& instance_id, std::latch& ready, const Steady::time_point& start,
                Steady::duration length, Worker& worker) {
    worker.latencies_ns.reserve(1 << 16);
    // Untimed warm-up, all threads at once: the pool opens the connections this concurrency
    // needs (a PostgreSQL connection with SCRAM costs milliseconds) and the caches fill, as in a
    // server that has been up a while. pgbench, too, reports its figure without connecting.
    std::uint64_t n = 0;
    for (; n < warm_up_transitions; ++n) {
        if (auto applied = runtime.apply(instance_id, bench::amend_event(n)); !applied) {
            if (worker.failures++ == 0) worker.first_failure = "warm-up: " + applied.error().message;
        }
    }
    ready.arrive_and_wait();  // every thread starts together, once `start` is set
    const Steady::time_point deadline = start + length;
    for (;; ++n) {
        const auto before = Steady::now();
        if (before >= deadline) break;
        auto applied = runtime.apply(instance_id, bench::amend_event(n));
        const auto after = Steady::now();
        if (applied) {
            worker.latencies_ns.push_back(std::chrono::duration_cast<std::chrono::nanoseconds>(after - before).count());
        } else {
            // Counted, not hidden: a store that fails under load must not look fast.
            if (worker.failures++ == 0) worker.first_failure = applied.error().message;
        }
    }
}

double percentile_ms(const std::vector<std::int64_t>& sorted, double fraction) {
    if (sorted.empty()) return 0.0;
    const auto index = static_cast<std::size_t>(fraction * static_cast<double>(sorted.size() - 1));
    return static_cast<double>(sorted[index]) / 1e6;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 6) {
        std::cerr << "usage: durable_bench URL WORKFLOWS_DIR TEMPLATES_DIR CONCURRENCY SECONDS\n";
        return 2;
    }
    const std::size_t concurrency = std::stoull(argv[4]);
    const double seconds = std::stod(argv[5]);
    if (concurrency == 0 || seconds <= 0) {
        std::cerr << "CONCURRENCY and SECONDS must be positive\n";
        return 2;
    }
    auto catalogue = bench::load_catalogue(argv[2], argv[3]);
    if (!catalogue) {
        std::cerr << catalogue.error();
        return 1;
    }
    const std::size_t pool_size = std::min(concurrency, max_pool_size);
    auto store = SociStore::open(argv[1], SociStoreOptions{.pool_size = pool_size});
    if (!store) {
        std::cerr << store.error().message << '\n';
        return 1;
    }
    if (auto migrated = (*store)->migrate(); !migrated) {
        std::cerr << migrated.error().message << '\n';
        return 1;
    }
    if (auto saved = (*store)->save_definitions(definition_records(*catalogue)); !saved) {
        std::cerr << saved.error().message << '\n';
        return 1;
    }
    SystemClock clock;
    UuidV7Source ids(clock);
    Runtime runtime(*catalogue, **store, clock, ids);

    auto planned = bench::plan_seminars(runtime, clock, concurrency);
    if (!planned) {
        std::cerr << planned.error() << '\n';
        return 1;
    }
    const std::vector<std::string>& instances = *planned;

    std::vector<Worker> workers(concurrency);
    std::latch ready(static_cast<std::ptrdiff_t>(concurrency) + 1);
    Steady::time_point start;  // written before this thread arrives at the latch, read after
    const auto length = std::chrono::duration_cast<Steady::duration>(std::chrono::duration<double>(seconds));
    std::vector<std::thread> threads;
    threads.reserve(concurrency);
    for (std::size_t i = 0; i < concurrency; ++i) {
        threads.emplace_back(run_worker, std::ref(runtime), std::cref(instances[i]), std::ref(ready), std::cref(start),
                             length, std::ref(workers[i]));
    }
    start = Steady::now();
    ready.arrive_and_wait();
    for (auto& thread : threads) thread.join();
    // Until the last transition in flight at the deadline has committed: they are counted.
    const std::chrono::duration<double> elapsed = Steady::now() - start;

    std::vector<std::int64_t> latencies;
    std::uint64_t failures = 0;
    std::string first_failure;
    for (auto& worker : workers) {
        latencies.insert(latencies.end(), worker.latencies_ns.begin(), worker.latencies_ns.end());
        failures += worker.failures;
        if (first_failure.empty()) first_failure = worker.first_failure;
    }
    std::sort(latencies.begin(), latencies.end());
    const auto transitions = static_cast<std::int64_t>(latencies.size());

    boost::json::object line{
        {"backend", to_string((*store)->url().backend)},
        {"concurrency", concurrency},
        {"pool_size", pool_size},
        {"seconds", elapsed.count()},
        {"transitions", transitions},
        {"transitions_per_second", static_cast<double>(transitions) / elapsed.count()},
        {"p50_ms", percentile_ms(latencies, 0.50)},
        {"p99_ms", percentile_ms(latencies, 0.99)},
        {"failures", failures},
    };
    if (!first_failure.empty()) line["first_failure"] = first_failure;
    std::cout << boost::json::serialize(line) << '\n';
    return 0;
}
