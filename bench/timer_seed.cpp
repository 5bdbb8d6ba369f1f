#include "bench/timer_seed.hpp"

#include <soci/soci.h>

#include <string>

#include "adapters/store/column_values.hpp"
#include "adapters/store/transaction.hpp"

namespace seminarflow::bench {
namespace {

// Ids in the form the instances table checks (8-4-4-4-12 hex). The first group is a
// multiplicative hash of the row number, the last group the row number, so ids are unique.
// Rows are written in id order, which the hash makes unrelated to due order: timers that come due
// together belong to instances (and are timer rows) spread over the whole tables, as when they
// were created at different times, rather than packed on a few pages by the seeding.
constexpr const char* postgresql_instances =
    "INSERT INTO instances (id, workflow, definition_version, state, data, version, created_at, updated_at)"
    " SELECT lpad(to_hex((g * 2654435761) % 4294967296), 8, '0') || '-0000-7000-8000-' || lpad(to_hex(g), 12, '0'),"
    " 'reminder', 1, 'waiting', jsonb_build_object('task', 'Nhắc việc số ' || g, 'due_at',"
    " to_char(due AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"')), 1, CAST(:created AS timestamptz),"
    " CAST(:created_again AS timestamptz)"
    " FROM (SELECT g, CASE WHEN g <= :window"
    " THEN CAST(:placeholder AS timestamptz) + ((g - 1) * 1000 / :rate) * interval '1 millisecond'"
    " WHEN g <= CAST(:window_2 AS bigint) + CAST(:warm_up AS bigint) THEN CAST(:warm_placeholder AS timestamptz)"
    " + ((g - :window_3 - 1) * 1000 / :rate_2) * interval '1 millisecond'"
    " ELSE CAST(:held AS timestamptz) + (g - :window_4 - :warm_up_2) * interval '1 second' END AS due"
    " FROM generate_series(CAST(1 AS bigint), :pending) AS g) AS s ORDER BY 1";

constexpr const char* sqlite_instances =
    "WITH RECURSIVE n(g) AS (SELECT 1 UNION ALL SELECT g + 1 FROM n WHERE g < :pending)"
    " INSERT INTO instances (id, workflow, definition_version, state, data, version, created_at, updated_at)"
    " SELECT printf('%08x-0000-7000-8000-%012x', (g * 2654435761) % 4294967296, g), 'reminder', 1, 'waiting',"
    " json_object('task', 'Nhắc việc số ' || g, 'due_at', CASE WHEN g <= :window"
    " THEN strftime('%Y-%m-%dT%H:%M:%fZ', :placeholder, printf('+%.3f seconds', ((g - 1) * 1000 / :rate) / 1000.0))"
    " WHEN g <= :window_2 + :warm_up THEN strftime('%Y-%m-%dT%H:%M:%fZ', :warm_placeholder,"
    " printf('+%.3f seconds', ((g - :window_3 - 1) * 1000 / :rate_2) / 1000.0))"
    " ELSE strftime('%Y-%m-%dT%H:%M:%fZ', :held, printf('+%d seconds', g - :window_4 - :warm_up_2)) END),"
    " 1, :created, :created_again FROM n ORDER BY 1";

// The `created` entry and the pending timer of every seeded instance, from its row.
constexpr const char* postgresql_history_and_timers[] = {
    "INSERT INTO history (instance_id, seq, event, actor, actor_role, payload, from_state, to_state,"
    " definition_version, at) SELECT id, 1, 'created', 'bench', 'organiser', data, NULL, 'waiting', 1, created_at"
    " FROM instances WHERE workflow = 'reminder' ORDER BY id",
    "INSERT INTO timers (id, instance_id, name, due_at, event, state) SELECT id || '/due', id, 'due',"
    " CAST(data->>'due_at' AS timestamptz), 'ring', 'pending' FROM instances WHERE workflow = 'reminder'"
    " ORDER BY id",
};

constexpr const char* sqlite_history_and_timers[] = {
    "INSERT INTO history (instance_id, seq, event, actor, actor_role, payload, from_state, to_state,"
    " definition_version, at) SELECT id, 1, 'created', 'bench', 'organiser', data, NULL, 'waiting', 1, created_at"
    " FROM instances WHERE workflow = 'reminder' ORDER BY id",
    "INSERT INTO timers (id, instance_id, name, due_at, event, state) SELECT id || '/due', id, 'due',"
    " json_extract(data, '$.due_at'), 'ring', 'pending' FROM instances WHERE workflow = 'reminder' ORDER BY id",
};

std::string milliseconds_text(Duration duration) { return std::to_string(duration.count()); }

}  // namespace

Time placeholder_start(Time created_at) { return created_at + std::chrono::days(10); }

void seed_timers(soci::session& session, DatabaseBackend backend, const SeedPlan& plan) {
    const bool postgresql = backend == DatabaseBackend::postgresql;
    if (!postgresql) {
        // The seeding process alone: a big cache so that random ids do not thrash the index pages.
        session << "PRAGMA cache_size = -262144";
    }
    Transaction transaction(session, backend);
    const std::string created = time_column(plan.created_at);
    const std::string placeholder = time_column(placeholder_start(plan.created_at));
    const std::string warm_placeholder = time_column(placeholder_start(plan.created_at) + warm_up_after_window);
    const std::string held = time_column(plan.created_at + std::chrono::days(30));
    const long long pending = plan.pending, window = plan.window, warm_up = plan.warm_up, rate = plan.rate;
    // Bound by name: the two statements name their values in different orders. A name is bound
    // once, so a value used twice has two names.
    session << (postgresql ? postgresql_instances : sqlite_instances), soci::use(created, "created"),
        soci::use(created, "created_again"), soci::use(window, "window"), soci::use(window, "window_2"),
        soci::use(window, "window_3"), soci::use(window, "window_4"), soci::use(warm_up, "warm_up"),
        soci::use(warm_up, "warm_up_2"), soci::use(placeholder, "placeholder"),
        soci::use(warm_placeholder, "warm_placeholder"), soci::use(rate, "rate"), soci::use(rate, "rate_2"),
        soci::use(held, "held"), soci::use(pending, "pending");
    for (const char* sql : postgresql ? postgresql_history_and_timers : sqlite_history_and_timers) session << sql;
    transaction.commit();
}

long long arm_window(soci::session& session, DatabaseBackend backend, Time placeholder, Time placeholder_end,
                     Time start) {
    const bool postgresql = backend == DatabaseBackend::postgresql;
    const std::string shift = milliseconds_text(placeholder - start);
    const std::string window_start = time_column(placeholder);
    const std::string window_end = time_column(placeholder_end);
    const std::string armed_start = time_column(start);
    const std::string armed_end = time_column(start + (placeholder_end - placeholder));
    Transaction transaction(session, backend);
    const std::string move_sql =
        postgresql ? "UPDATE timers SET due_at = due_at - CAST(:shift AS bigint) * interval '1 millisecond'"
                     " WHERE state = 'pending' AND due_at >= CAST(:window_start AS timestamptz)"
                     " AND due_at < CAST(:window_end AS timestamptz)"
                   : "UPDATE timers SET due_at = strftime('%Y-%m-%dT%H:%M:%fZ', due_at,"
                     " printf('-%.3f seconds', CAST(:shift AS integer) / 1000.0))"
                     " WHERE state = 'pending' AND due_at >= :window_start AND due_at < :window_end";
    soci::statement move =
        (session.prepare << move_sql, soci::use(shift), soci::use(window_start), soci::use(window_end));
    move.execute(true);
    const long long moved = move.get_affected_rows();
    if (postgresql) {
        session << "UPDATE instances AS i SET data = jsonb_set(i.data, '{due_at}', to_jsonb(to_char(t.due_at AT TIME"
                   " ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"'))) FROM timers AS t WHERE t.instance_id = i.id"
                   " AND t.state = 'pending' AND t.due_at >= CAST(:armed_start AS timestamptz)"
                   " AND t.due_at < CAST(:armed_end AS timestamptz)",
            soci::use(armed_start), soci::use(armed_end);
    } else {
        session << "UPDATE instances SET data = json_set(data, '$.due_at', (SELECT t.due_at FROM timers AS t"
                   " WHERE t.instance_id = instances.id AND t.name = 'due')) WHERE id IN (SELECT instance_id"
                   " FROM timers WHERE state = 'pending' AND due_at >= :armed_start AND due_at < :armed_end)",
            soci::use(armed_start), soci::use(armed_end);
    }
    transaction.commit();
    return moved;
}

void settle(soci::session& session, DatabaseBackend backend) {
    if (backend == DatabaseBackend::postgresql) {
        session << "VACUUM ANALYZE";
    } else {
        session << "PRAGMA wal_checkpoint(TRUNCATE)";
    }
}

}  // namespace seminarflow::bench
