// Jobs through the outbox, the way bench/run-peer-bench.sh sets them beside graphile-worker's and
// pg-boss's: a job is enqueued durably, claimed, and finished, each step committed.
//
//   outbox_jobs_bench URL WORKFLOWS_DIR TEMPLATES_DIR JOBS CONCURRENCY
//
// Migrates URL, saves the definitions, adds one endpoint that wants `seminar.updated`, and plans
// CONCURRENCY seminars (their own notifications are handed over untimed). Then two timed phases,
// one after the other, as `serve` runs them (the store's pool of 4 connections, the dispatcher on
// 4 database threads and 2 I/O threads, the default configuration's figures):
//   1. enqueue: CONCURRENCY threads apply `amend` to their own seminar, JOBS in all. Each is a
//      durable transition (load, decide, compare-and-swap, history entry, one outbox row);
//   2. process: the real Dispatcher delivers them: fan-out to a delivery each, claims under
//      leases (at most 100 a round, 64 sends under way), the send, and the try recorded with the
//      delivery settled. The channel takes every delivery at once: it is the counterpart of the
//      peers' trivial task, so that what is timed is the queue, not a receiver. Done when the
//      last delivery's settlement has committed.
// Prints one JSON line.
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/json.hpp>

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <iostream>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "adapters/store/soci_store.hpp"
#include "bench/planned_seminars.hpp"
#include "engine/runtime/definition_records.hpp"
#include "engine/runtime/dispatcher.hpp"
#include "engine/runtime/uuid_source.hpp"

namespace {

using namespace seminarflow;
using Steady = std::chrono::steady_clock;

// The default configuration's: database.pool_size (connections, and the threads the dispatcher's
// store calls run on), server.threads, dispatcher.max_in_flight.
constexpr std::size_t pool_size = 4;
constexpr std::size_t io_threads = 2;
constexpr std::size_t max_in_flight = 64;
constexpr char channel_name[] = "immediate";
constexpr auto processing_limit = std::chrono::minutes(10);

// Takes every delivery as soon as it is handed one, as the peers' task does nothing: the receiver
// is left out of the measure (bench/run-webhook-bench.sh measures one).
class ImmediateChannel final : public Channel {
public:
    void send(DeliveryRequest, Completion done) override { done(ChannelOutcome::success(204)); }
};

Endpoint bench_endpoint(Time now) {
    Endpoint endpoint;
    endpoint.id = "00000000-0000-7000-8000-000000000001";
    endpoint.channel = channel_name;
    endpoint.url = "immediate://bench";
    endpoint.description = "outbox_jobs_bench";
    endpoint.event_types = {"seminar.updated"};
    endpoint.max_in_flight = static_cast<int>(max_in_flight);  // the node's limit is the one that binds
    endpoint.created_at = endpoint.updated_at = now;
    return endpoint;
}

struct Enqueued {
    std::uint64_t transitions = 0;
    std::uint64_t failures = 0;
    std::string first_failure = {};
    double seconds = 0;
};

// JOBS `amend`s over the seminars, one thread each, its share of the jobs in turn.
Enqueued enqueue(Runtime& runtime, const std::vector<std::string>& seminars, std::uint64_t jobs) {
    std::vector<Enqueued> each(seminars.size());
    std::vector<std::thread> threads;
    const auto start = Steady::now();
    for (std::size_t i = 0; i < seminars.size(); ++i) {
        const std::uint64_t share = jobs / seminars.size() + (i < jobs % seminars.size() ? 1 : 0);
        threads.emplace_back([&runtime, &seminar = seminars[i], &mine = each[i], share] {
            for (std::uint64_t n = 0; n < share; ++n) {
                if (auto applied = runtime.apply(seminar, bench::amend_event(n)); applied) {
                    ++mine.transitions;
                } else if (mine.failures++ == 0) {
                    mine.first_failure = applied.error().message;  // counted, not hidden
                }
            }
        });
    }
    for (auto& thread : threads) thread.join();
    Enqueued all{.seconds = std::chrono::duration<double>(Steady::now() - start).count()};
    for (const Enqueued& mine : each) {
        all.transitions += mine.transitions;
        all.failures += mine.failures;
        if (all.first_failure.empty()) all.first_failure = mine.first_failure;
    }
    return all;
}

// The settlements the dispatcher reports, counted as they commit.
struct Settlements {
    std::mutex mutex;
    std::condition_variable changed;
    std::uint64_t delivered = 0;
    std::uint64_t other = 0;  // a try not recorded as delivered, or a round that failed: the run ends
    std::string first_problem = {};

    void count(bool delivered_now, const std::string& problem) {
        {
            const std::lock_guard lock(mutex);
            if (delivered_now) {
                ++delivered;
            } else if (other++ == 0) {
                first_problem = problem;
            }
        }
        changed.notify_all();
    }
};

struct Processed {
    std::uint64_t delivered = 0;
    std::uint64_t problems = 0;
    std::string first_problem = {};
    double seconds = 0;
};

Processed process(Store& store, const Clock& clock, IdSource& ids, std::uint64_t expected) {
    Settlements settlements;
    DispatcherEvents events{
        .settled =
            [&settlements](const Delivery&, const ChannelOutcome&, const Result<SettledAttempt, StoreError>& settled) {
                if (!settled) return settlements.count(false, settled.error().message);
                const bool delivered = settled->recorded && settled->verdict.settlement.status == DeliveryStatus::delivered;
                settlements.count(delivered, "a try not recorded as delivered");
            },
        .failed = [&settlements](const StoreError& error) { settlements.count(false, error.message); },
    };
    boost::asio::io_context io;
    auto guard = boost::asio::make_work_guard(io);
    boost::asio::thread_pool blocking(pool_size);
    ImmediateChannel channel;
    DeliveryWork work(store, clock, ids, DeliveryOptions{.owner = "outbox_jobs_bench"});
    Dispatcher dispatcher(io, blocking, work, Channels{{channel_name, &channel}},
                          DispatcherOptions{.max_in_flight = max_in_flight}, std::move(events));

    const auto start = Steady::now();
    dispatcher.start();
    std::vector<std::thread> threads;
    for (std::size_t i = 0; i < io_threads; ++i) threads.emplace_back([&io] { io.run(); });
    Processed processed;
    {
        std::unique_lock lock(settlements.mutex);
        settlements.changed.wait_until(lock, start + processing_limit,
                                       [&] { return settlements.delivered >= expected || settlements.other > 0; });
        processed = Processed{settlements.delivered, settlements.other, settlements.first_problem,
                              std::chrono::duration<double>(Steady::now() - start).count()};
    }
    dispatcher.stop();
    guard.reset();
    io.stop();
    for (auto& thread : threads) thread.join();
    blocking.join();
    return processed;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 6) {
        std::cerr << "usage: outbox_jobs_bench URL WORKFLOWS_DIR TEMPLATES_DIR JOBS CONCURRENCY\n";
        return 2;
    }
    const std::uint64_t jobs = std::stoull(argv[4]);
    const std::size_t concurrency = std::stoull(argv[5]);
    if (jobs == 0 || concurrency == 0) {
        std::cerr << "JOBS and CONCURRENCY must be positive\n";
        return 2;
    }
    auto catalogue = bench::load_catalogue(argv[2], argv[3]);
    if (!catalogue) {
        std::cerr << catalogue.error();
        return 1;
    }
    auto store = SociStore::open(argv[1], SociStoreOptions{.pool_size = pool_size});
    if (!store) {
        std::cerr << store.error().message << '\n';
        return 1;
    }
    SystemClock clock;
    UuidV7Source ids(clock);
    if (auto migrated = (*store)->migrate(); !migrated) {
        std::cerr << migrated.error().message << '\n';
        return 1;
    }
    if (auto saved = (*store)->save_definitions(definition_records(*catalogue)); !saved) {
        std::cerr << saved.error().message << '\n';
        return 1;
    }
    if (auto added = (*store)->add_endpoint(bench_endpoint(clock.now())); !added) {
        std::cerr << added.error().message << '\n';
        return 1;
    }
    Runtime runtime(*catalogue, **store, clock, ids);
    auto seminars = bench::plan_seminars(runtime, clock, concurrency);
    if (!seminars) {
        std::cerr << seminars.error() << '\n';
        return 1;
    }
    // The notifications of planning are not for the endpoint: handed over (to nobody) before timing.
    DeliveryWork setup(**store, clock, ids, DeliveryOptions{.owner = "outbox_jobs_bench"});
    for (;;) {
        auto handed = setup.fan_out();
        if (!handed) {
            std::cerr << handed.error().message << '\n';
            return 1;
        }
        if (*handed == 0) break;
    }

    const Enqueued enqueued = enqueue(runtime, *seminars, jobs);
    const Processed processed = process(**store, clock, ids, enqueued.transitions);

    boost::json::object line{
        {"engine", "seminarflow"},
        {"jobs", jobs},
        {"enqueued", enqueued.transitions},
        {"enqueue_seconds", enqueued.seconds},
        {"processed", processed.delivered},
        {"process_seconds", processed.seconds},
        {"failures", enqueued.failures + processed.problems},
    };
    const std::string& first_failure = enqueued.first_failure.empty() ? processed.first_problem : enqueued.first_failure;
    if (!first_failure.empty()) line["first_failure"] = first_failure;
    std::cout << boost::json::serialize(line) << '\n';
    return 0;  // the counts say how it went; bench/run-peer-bench.sh checks them
}
