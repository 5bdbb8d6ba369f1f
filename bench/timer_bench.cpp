// Durable timers at scale: a million pending timers held by a server that does not load them,
// and a stretch of them coming due at a steady rate, fired by the engine's own Scheduler and
// WorkRunner as `seminarflow serve` runs them, on the real clock.
//
//   timer_bench seed URL WORKFLOWS_DIR TEMPLATES_DIR PENDING RATE SECONDS
//   timer_bench run  URL WORKFLOWS_DIR TEMPLATES_DIR RATE SECONDS [pool=N] [batch=N] [parallelism=N]
//
// `seed` (its own process, so that none of its memory is counted) migrates URL, saves the
// definitions (bench/timers/workflows) and writes PENDING instances of `reminder` with one
// pending timer each (timer_seed.hpp); RATE * SECONDS of them are the window, and RATE more the
// warm-up, parked days ahead. `run` starts the scheduler as serve does (store pool and database
// threads of `pool`, default 4 as in the default config; WorkOptions' defaults unless given),
// lets it hold the timers for 3 s and reads its resident size, then arms the warm-up to come due
// 30 s later (RATE a second for one second, untimed: the server's threads, connections, prepared
// statements and caches are then as in a server that has been up a while) and the window 15 s
// after that, RATE a second for SECONDS, and waits until every one of the window's timers has
// fired (or 120 s past the window).
// The lag of a timer is when its commit was done minus when it was due (WorkReport::lags). The
// CPU time spent while the window fired is read for this process and, on PostgreSQL, for the
// server's processes. Each prints one JSON line.
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/json.hpp>
#include <soci/soci.h>

#include <algorithm>
#include <iostream>
#include <mutex>
#include <string>
#include <thread>

#include "adapters/store/connection.hpp"
#include "adapters/store/soci_store.hpp"
#include "bench/process_usage.hpp"
#include "bench/timer_seed.hpp"
#include "engine/definition/definition_set.hpp"
#include "engine/interpreter/named_code.hpp"
#include "engine/runtime/definition_records.hpp"
#include "engine/runtime/scheduler.hpp"
#include "engine/runtime/uuid_source.hpp"

namespace {

using namespace seminarflow;
using Clock = std::chrono::system_clock;
using bench::load_average;
using bench::resident_mb;

constexpr std::chrono::seconds hold_before_arming{3};
// Arming moves the window (a few hundred thousand rows, with fsync on): 10 s was not always enough.
constexpr std::chrono::seconds arming_lead{30};
// From the warm-up to the window: time to fire the warm-up, then a quiet pause.
constexpr std::chrono::seconds warm_up_lead{15};
constexpr std::chrono::seconds overrun_allowed{120};
constexpr std::chrono::milliseconds sample_every{100};

struct RunOptions {
    std::size_t pool = 4;  // the default config's database.pool_size
    WorkOptions work;
};

double percentile_ms(const std::vector<Duration>& sorted, double fraction) {
    if (sorted.empty()) return 0.0;
    return static_cast<double>(sorted[static_cast<std::size_t>(fraction * static_cast<double>(sorted.size() - 1))].count());
}

// What the scheduler's rounds report, gathered from its strand and read by the main thread.
struct Rounds {
    std::mutex mutex;
    std::vector<Duration> lags;
    // When each fired timer was due, roughly: when its round reported, less its lag.
    std::vector<Time> due;
    std::size_t fired = 0, refused = 0, failures = 0, rounds = 0, errors = 0;
    std::string first_failure;
    Time last_fired{};

    void add(const Result<WorkReport, StoreError>& round) {
        const std::lock_guard lock(mutex);
        ++rounds;
        if (!round) {
            if (errors++ == 0 && first_failure.empty()) first_failure = round.error().message;
            return;
        }
        lags.insert(lags.end(), round->lags.begin(), round->lags.end());
        const Time reported = std::chrono::time_point_cast<Duration>(Clock::now());
        for (const Duration lag : round->lags) due.push_back(reported - lag);
        fired += round->timers_fired;
        refused += round->timers_refused;
        failures += round->failures.size();
        if (!round->failures.empty() && first_failure.empty()) first_failure = round->failures.front();
        if (!round->lags.empty()) last_fired = std::chrono::time_point_cast<Duration>(Clock::now());
    }
    std::size_t done() {
        const std::lock_guard lock(mutex);
        return fired + refused;
    }
    // Forgets the warm-up.
    void reset() {
        const std::lock_guard lock(mutex);
        lags.clear();
        due.clear();
        fired = refused = failures = rounds = errors = 0;
        first_failure.clear();
    }
};

Result<DefinitionSet, std::string> load(const char* workflows, const char* templates) {
    auto loaded = load_definition_set(templates, workflows, standard_named_code());
    if (!loaded) {
        std::string message;
        for (const auto& diagnostic : loaded.error()) message += format_diagnostic(diagnostic) + '\n';
        return fail(message);
    }
    return std::move(loaded).value();
}

// Migrated, with the definitions saved: what serve does before it starts.
Result<std::unique_ptr<SociStore>, std::string> open_store(const char* url, const Catalogue& catalogue, std::size_t pool) {
    auto store = SociStore::open(url, SociStoreOptions{.pool_size = pool});
    if (!store) return fail(store.error().message);
    if (auto migrated = (*store)->migrate(); !migrated) return fail(migrated.error().message);
    if (auto saved = (*store)->save_definitions(definition_records(catalogue)); !saved) return fail(saved.error().message);
    return std::move(store).value();
}

std::unique_ptr<soci::session> connect(const DatabaseUrl& url) {
    auto session = std::make_unique<soci::session>();
    open_connection(*session, url, ConnectionSettings{std::chrono::seconds(30)});
    return session;
}

long long count(soci::session& session, const std::string& sql) {
    long long value = 0;
    session << sql, soci::into(value);
    return value;
}

int run_seed(SociStore& store, std::int64_t pending, std::int64_t rate, double seconds) {
    const auto window = static_cast<std::int64_t>(static_cast<double>(rate) * seconds);
    const auto started = Clock::now();
    auto session = connect(store.url());
    bench::seed_timers(*session, store.url().backend,
                       bench::SeedPlan{pending, window, rate, rate, std::chrono::time_point_cast<Duration>(started)});
    const std::chrono::duration<double> seeded = Clock::now() - started;
    bench::settle(*session, store.url().backend);
    const std::chrono::duration<double> settled = Clock::now() - started;
    boost::json::object line{{"phase", "seed"},
                             {"backend", to_string(store.url().backend)},
                             {"pending", count(*session, "SELECT count(*) FROM timers WHERE state = 'pending'")},
                             {"window", window},
                             {"warm_up", rate},
                             {"seed_seconds", seeded.count()},
                             {"settle_seconds", settled.count() - seeded.count()}};
    std::cout << boost::json::serialize(line) << std::endl;
    return 0;
}

// The engine as `seminarflow serve` runs it, without HTTP: the Scheduler on an I/O thread, its
// rounds on the database threads.
struct Server {
    Server(const Catalogue& catalogue, SociStore& store, const RunOptions& options, Rounds& rounds)
        : database_threads(options.pool), runtime(catalogue, store, clock, ids), work(runtime, store, clock, options.work),
          scheduler(io, database_threads, work, store, clock, SchedulerOptions{},
                    [&rounds](const Result<WorkReport, StoreError>& round) { rounds.add(round); }) {}
    void start() {
        scheduler.start();
        io_thread = std::thread([this] { io.run(); });
    }
    ~Server() {
        scheduler.stop();
        guard.reset();
        io.stop();
        if (io_thread.joinable()) io_thread.join();
        database_threads.join();
    }

    boost::asio::io_context io{1};
    boost::asio::executor_work_guard<boost::asio::io_context::executor_type> guard{io.get_executor()};
    boost::asio::thread_pool database_threads;
    SystemClock clock;
    UuidV7Source ids{clock};
    Runtime runtime;
    WorkRunner work;
    Scheduler scheduler;
    std::thread io_thread;
};

// Waits until `until`, or until `done()`; returns the largest resident size seen meanwhile.
template <class Done>
double watch_memory(Clock::time_point until, Done done) {
    double most = resident_mb();
    while (Clock::now() < until && !done()) {
        std::this_thread::sleep_for(sample_every);
        most = std::max(most, resident_mb());
    }
    return most;
}

struct Window {
    std::int64_t timers = 0;
    Time start{};
    std::int64_t warm_up = 0;
    Time warm_up_start{};
};

// Moves the parked window to start arming_lead + warm_up_lead from now, and the warm-up to start
// arming_lead from now.
Result<Window, std::string> arm(SociStore& store, soci::session& session, std::int64_t rate, double seconds) {
    auto parked = store.next_timer_due();
    if (!parked || !*parked) return fail(std::string("no pending timer to arm: seed first"));
    Window window{static_cast<std::int64_t>(static_cast<double>(rate) * seconds), {}, rate, {}};
    window.warm_up_start = std::chrono::time_point_cast<Duration>(Clock::now()) + arming_lead;
    window.start = window.warm_up_start + warm_up_lead;
    const auto arm_block = [&](Time placeholder, std::int64_t timers, Time start) -> Result<bool, std::string> {
        const Time placeholder_end = placeholder + Duration(timers * 1000 / rate + 1);
        const long long moved = bench::arm_window(session, store.url().backend, placeholder, placeholder_end, start);
        if (moved != timers) return fail("armed " + std::to_string(moved) + " timers, expected " + std::to_string(timers));
        return true;
    };
    if (auto armed = arm_block(**parked, window.timers, window.start); !armed) return fail(std::move(armed).error());
    auto warmed = arm_block(**parked + bench::warm_up_after_window, window.warm_up, window.warm_up_start);
    if (!warmed) return fail(std::move(warmed).error());
    if (Clock::now() > Clock::time_point(window.warm_up_start) - std::chrono::seconds(1)) {
        return fail("arming took longer than the " + std::to_string(arming_lead.count()) +
                    " s lead: the first timers would be late before the server could fire them");
    }
    return window;
}

// The largest lag of the timers due in each second of the window: steady lag from a late start
// reads flat, a firing rate short of the due rate reads as a slope.
boost::json::array max_lag_by_second(const Rounds& rounds, const Window& window) {
    std::vector<std::int64_t> most;
    for (std::size_t i = 0; i < rounds.lags.size(); ++i) {
        const auto second = std::chrono::floor<std::chrono::seconds>(rounds.due[i] - window.start).count();
        if (second < 0) continue;
        if (most.size() <= static_cast<std::size_t>(second)) most.resize(static_cast<std::size_t>(second) + 1, 0);
        most[static_cast<std::size_t>(second)] = std::max(most[static_cast<std::size_t>(second)], rounds.lags[i].count());
    }
    return boost::json::array(most.begin(), most.end());
}

boost::json::object measure(Rounds& rounds, const Window& window, double rate) {
    const std::lock_guard lock(rounds.mutex);
    std::vector<Duration> lags = rounds.lags;
    std::sort(lags.begin(), lags.end());
    const std::chrono::duration<double> firing = rounds.last_fired - window.start;
    const auto done = rounds.fired + rounds.refused;
    return boost::json::object{
        {"rate_due", rate},
        {"window_timers", window.timers},
        {"fired", rounds.fired},
        {"refused", rounds.refused},
        {"failures", rounds.failures + rounds.errors},
        {"fired_per_second", firing.count() > 0 ? static_cast<double>(done) / firing.count() : 0.0},
        {"lag_p50_ms", percentile_ms(lags, 0.50)},
        {"lag_p99_ms", percentile_ms(lags, 0.99)},
        {"lag_max_ms", lags.empty() ? 0.0 : static_cast<double>(lags.back().count())},
        {"max_lag_ms_by_due_second", max_lag_by_second(rounds, window)},
        {"rounds", rounds.rounds},
        {"first_failure", rounds.first_failure},
    };
}

// CPU time spent while the window fired: this process's, and PostgreSQL's (its backends and
// background processes, as pg_stat_activity lists them; the server runs on this machine).
struct CpuUsage {
    double own = 0, database = 0;
};

CpuUsage cpu_now(soci::session& session, DatabaseBackend backend) {
    CpuUsage usage{bench::own_cpu_seconds(), 0};
    if (backend == DatabaseBackend::postgresql) {
        std::vector<int> pids(256);
        session << "SELECT pid FROM pg_stat_activity", soci::into(pids);
        usage.database = bench::cpu_seconds_of(pids);
    }
    return usage;
}

struct Firing {
    double holding_mb = 0, firing_mb = 0;
    long long pending_held = 0;
    CpuUsage cpu;
};

// Holds, arms, and watches the window fire; the measurements, or why it could not.
Result<std::pair<Window, Firing>, std::string> hold_and_fire(SociStore& store, soci::session& session, Rounds& rounds,
                                                             std::int64_t rate, double seconds) {
    Firing firing;
    firing.holding_mb = watch_memory(Clock::now() + hold_before_arming, [] { return false; });
    firing.pending_held = count(session, "SELECT count(*) FROM timers WHERE state = 'pending'");
    auto window = arm(store, session, rate, seconds);
    if (!window) return fail(std::move(window).error());
    const auto due = [&](std::int64_t n) { return rounds.done() >= static_cast<std::size_t>(n); };
    const auto window_start = Clock::time_point(window->start);
    firing.firing_mb = watch_memory(window_start - std::chrono::seconds(2), [&] { return due(window->warm_up); });
    if (!due(window->warm_up)) return fail(std::string("the warm-up had not fired 2 s before the window"));
    firing.firing_mb = std::max(firing.firing_mb, watch_memory(window_start - std::chrono::seconds(2), [] { return false; }));
    rounds.reset();
    firing.firing_mb = std::max(firing.firing_mb, watch_memory(window_start, [&] { return due(1); }));
    const CpuUsage start = cpu_now(session, store.url().backend);
    const auto deadline = Clock::time_point(window->start) +
                          std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(seconds)) +
                          overrun_allowed;
    firing.firing_mb = std::max(firing.firing_mb, watch_memory(deadline, [&] { return due(window->timers); }));
    const CpuUsage end = cpu_now(session, store.url().backend);
    firing.cpu = {end.own - start.own, end.database - start.database};
    return std::pair{*window, firing};
}

int run_firing(const Catalogue& catalogue, SociStore& store, std::int64_t rate, double seconds, const RunOptions& options) {
    const std::string load_before = load_average();
    Rounds rounds;
    auto server = std::make_unique<Server>(catalogue, store, options, rounds);
    server->start();
    auto session = connect(store.url());
    auto fired = hold_and_fire(store, *session, rounds, rate, seconds);
    server.reset();
    if (!fired) {
        std::cerr << "timer_bench: " << fired.error() << '\n';
        return 1;
    }
    const auto& [window, firing] = *fired;
    boost::json::object line = measure(rounds, window, static_cast<double>(rate));
    const double done = std::max<double>(1.0, static_cast<double>(rounds.done()));
    line["phase"] = "run";
    line["backend"] = to_string(store.url().backend);
    line["pending_held"] = firing.pending_held;
    line["pending_after"] = count(*session, "SELECT count(*) FROM timers WHERE state = 'pending'");
    line["rings_in_history"] = count(*session, "SELECT count(*) FROM history WHERE event = 'ring'");
    line["rss_holding_mb"] = firing.holding_mb;
    line["rss_firing_max_mb"] = firing.firing_mb;
    line["own_cpu_us_per_timer"] = firing.cpu.own / done * 1e6;
    line["database_cpu_us_per_timer"] = firing.cpu.database / done * 1e6;
    line["pool"] = options.pool;
    line["batch"] = options.work.batch;
    line["parallelism"] = options.work.parallelism;
    line["load_average_before"] = load_before;
    line["load_average_after"] = load_average();
    std::cout << boost::json::serialize(line) << std::endl;
    return 0;
}

// `key=value` options after the positional arguments.
bool parse_options(int argc, char** argv, int first, RunOptions& options) {
    for (int i = first; i < argc; ++i) {
        const std::string arg = argv[i];
        const auto equals = arg.find('=');
        if (equals == std::string::npos) return false;
        const std::string key = arg.substr(0, equals);
        const std::size_t value = std::stoull(arg.substr(equals + 1));
        if (key == "pool") options.pool = value;
        else if (key == "batch") options.work.batch = value;
        else if (key == "parallelism") options.work.parallelism = value;
        else return false;
    }
    return options.pool > 0 && options.work.batch > 0;
}

}  // namespace

int main(int argc, char** argv) {
    const std::string usage =
        "usage: timer_bench seed URL WORKFLOWS_DIR TEMPLATES_DIR PENDING RATE SECONDS\n"
        "       timer_bench run URL WORKFLOWS_DIR TEMPLATES_DIR RATE SECONDS [pool=N] [batch=N] [parallelism=N]\n";
    const std::string mode = argc > 1 ? argv[1] : "";
    RunOptions options;
    options.work.owner = "timer_bench";
    const bool seeding = mode == "seed" && argc == 8;
    const bool running = mode == "run" && argc >= 7 && parse_options(argc, argv, 7, options);
    if (!seeding && !running) {
        std::cerr << usage;
        return 2;
    }
    auto definitions = load(argv[3], argv[4]);
    if (!definitions) {
        std::cerr << definitions.error();
        return 1;
    }
    auto store = open_store(argv[2], definitions->catalogue, options.pool);
    if (!store) {
        std::cerr << "timer_bench: " << store.error() << '\n';
        return 1;
    }
    try {
        if (seeding) return run_seed(**store, std::stoll(argv[5]), std::stoll(argv[6]), std::stod(argv[7]));
        return run_firing(definitions->catalogue, **store, std::stoll(argv[5]), std::stod(argv[6]), options);
    } catch (const soci::soci_error& error) {
        std::cerr << "timer_bench: " << error.what() << '\n';
        return 1;
    }
}
