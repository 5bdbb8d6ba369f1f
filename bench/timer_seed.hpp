#pragma once
// Bulk SQL for bench/timer_bench: a million pending timers of the bench's `reminder` workflow
// (bench/timers/workflows), written by the database itself (generate_series on PostgreSQL, a
// recursive CTE on SQLite) rather than one commit each, which would take longer than the
// benchmark. The rows are what the runtime would have written: an instance in `waiting` with
// its data, its `created` history entry, and its pending `due` timer, due at its data's due_at.
//
// The first `window` timers are the ones the benchmark fires, `rate` a second. They are seeded
// at a placeholder ten days ahead, since seeding takes longer than any lead one could guess, and
// armed once the server is up: moved, with their instances' due_at, to start a few seconds on.
// The next `warm_up` timers, parked five days after the window, are armed to fire before it,
// untimed. The rest are due from thirty days ahead, one a second: held, never fired.
#include <cstdint>

#include "adapters/store/database_url.hpp"
#include "engine/model/time.hpp"

namespace soci {
class session;
}

namespace seminarflow::bench {

struct SeedPlan {
    std::int64_t pending = 0;  // instances, each with one pending timer
    std::int64_t window = 0;   // of which the first ones come due `rate` a second once armed
    std::int64_t warm_up = 0;  // and the next ones, also `rate` a second, before the window
    std::int64_t rate = 0;
    Time created_at{};
};

// Where the unarmed window starts, for a seed made at `created_at`; the warm-up's is this much later.
Time placeholder_start(Time created_at);
constexpr std::chrono::days warm_up_after_window{5};

// Writes the plan's rows in one transaction. Throws soci::soci_error.
void seed_timers(soci::session& session, DatabaseBackend backend, const SeedPlan& plan);

// Moves the pending timers due from `placeholder` until before `placeholder_end` by
// start - placeholder, and sets their instances' due_at to match, in one transaction. Returns how
// many timers moved.
long long arm_window(soci::session& session, DatabaseBackend backend, Time placeholder, Time placeholder_end,
                     Time start);

// What the database does by itself after a bulk load, done now so that it does not run during
// the measurement: VACUUM ANALYZE on PostgreSQL (autovacuum would), a WAL checkpoint on SQLite.
void settle(soci::session& session, DatabaseBackend backend);

}  // namespace seminarflow::bench
