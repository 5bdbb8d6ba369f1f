// SociStore: recording tries to send deliveries, and what each leaves its delivery in.
//
// The attempt row, the delivery's new state, its endpoint's failure span and (on a 410, or failing
// for longer than dispatcher.disable_after) the endpoint disabled with the operators' notification
// in the outbox are one transaction (a try that sent nothing because seminarflow could not render
// the message leaves the span alone: DeliverySettlement::receiver_judged): a crash leaves either
// all of it or the delivery still leased, to be sent again
// once the lease runs out (at least once). The update is conditional on this node still holding
// the lease for this very attempt: a node whose lease ran out, and whose delivery another node
// took, writes nothing, and the other node's try is the one recorded. A node records the tries
// that finished while it was writing the last ones together, in one transaction: one commit
// (one fsync) for many, and each recorded as it would be alone.
//
// The statements that run for every try are kept prepared on their connection
// (statement_cache.hpp): on PostgreSQL one prepared per call costs a round trip to prepare it and
// another to deallocate it besides its executions (and a one-shot one is parsed and planned at
// every execution). A batch settles its deliveries with one statement and inserts their attempt
// rows with another, whatever its size; the settlement answers each delivery's endpoint, and each
// endpoint is read once per batch (EndpointState). A try costs no round trip of its own unless it
// starts or ends its endpoint's failure span. The statements that disable an endpoint are rare,
// and made afresh.
//
// Every value bound with soci::use is a named local or a kept statement's member.
#include <optional>
#include <unordered_map>
#include <unordered_set>

#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include "adapters/store/column_values.hpp"
#include "adapters/store/soci_store_impl.hpp"
#include "adapters/store/transaction.hpp"

namespace seminarflow {
namespace {

// The answer's excerpt, else the error: what operators see on the delivery itself.
std::string last_error_of(const DeliveryAttempt& attempt) {
    if (attempt.error) return *attempt.error;
    return attempt.response_excerpt;
}

// Settles each delivery whose lease this node still holds for this very attempt, and answers
// the id and endpoint of each one it settled.
std::string settle_sql(DatabaseBackend backend) {
    const auto f = [backend](std::string_view name) { return row_field(backend, name); };
    return "UPDATE deliveries AS d SET status = " + f("status") + ", next_attempt_at = COALESCE(" + f("next") +
           ", d.next_attempt_at), finished_at = " + f("finished") + ", lease_owner = NULL, lease_expires_at = NULL,"
           " last_status_code = " + f("code") + ", last_error = " + f("error") + " FROM " +
           rows_from_list(backend, "id text, attempt integer, owner text, status text, next timestamptz,"
                              " finished timestamptz, code integer, error text") +
           // On SQLite, `+` keeps the planner off the status index: it would scan every pending
           // delivery for each row, where the primary key finds each at once.
           " WHERE d.id = " + f("id") + (backend == DatabaseBackend::sqlite ? " AND +d.status" : " AND d.status") +
           " = 'pending' AND d.lease_owner = " + f("owner") +
           " AND d.attempts = " + f("attempt") +
           // SQLite's RETURNING names the updated table's columns bare (json_each has an id too).
           (backend == DatabaseBackend::postgresql ? " RETURNING d.id, d.endpoint_id" : " RETURNING id, endpoint_id");
}

struct SettleDeliveries : StatementCache::Entry {
    std::string rows, id, endpoint_id;
    soci::statement statement;
    SettleDeliveries(soci::session& session, DatabaseBackend backend)
        : statement((session.prepare << settle_sql(backend), soci::use(rows, "rows"), soci::into(id),
                     soci::into(endpoint_id))) {}
};

// Settles the tries `wave` (indexes into `attempts`, one per delivery) and answers the settled
// deliveries' endpoints, by delivery id. A try whose delivery is missing there wrote nothing:
// another node took the delivery when this node's lease ran out.
std::unordered_map<std::string, std::string> settle_deliveries(StatementCache& statements, const std::string& owner,
                                                               const std::vector<AttemptToRecord>& attempts,
                                                               const std::vector<std::size_t>& wave) {
    boost::json::array rows;
    for (const std::size_t index : wave) {
        const auto& [attempt, settlement] = attempts[index];
        const bool pending = settlement.status == DeliveryStatus::pending;
        const std::string finished = time_column(attempt.started_at + attempt.latency);
        rows.push_back({{"id", attempt.delivery_id},
                        {"attempt", attempt.attempt},
                        {"owner", owner},
                        {"status", to_string(settlement.status)},
                        {"next", pending ? boost::json::value(time_column(settlement.next_attempt_at)) : nullptr},
                        {"finished", pending ? boost::json::value(nullptr) : boost::json::value(finished)},
                        {"code", attempt.status_code ? boost::json::value(*attempt.status_code) : nullptr},
                        {"error", last_error_of(attempt)}});
    }
    auto& kept = statements.get<SettleDeliveries>();
    kept.rows = boost::json::serialize(rows);
    const Finishing finishing(kept.statement, statements.backend());
    kept.statement.execute();
    std::unordered_map<std::string, std::string> settled;
    while (kept.statement.fetch()) settled.emplace(kept.id, kept.endpoint_id);
    return settled;
}

std::string insert_attempts_sql(DatabaseBackend backend) {
    const auto f = [backend](std::string_view name) { return row_field(backend, name); };
    return "INSERT INTO delivery_attempts (delivery_id, attempt, started_at, latency_ms, status_code, outcome,"
           " response_excerpt, error, node) SELECT " + f("delivery_id") + ", " + f("attempt") + ", " +
           f("started_at") + ", " + f("latency_ms") + ", " + f("status_code") + ", " + f("outcome") + ", " +
           f("response_excerpt") + ", " + f("error") + ", " + f("node") + " FROM " +
           rows_from_list(backend, "delivery_id text, attempt integer, started_at timestamptz, latency_ms bigint,"
                              " status_code integer, outcome text, response_excerpt text, error text, node text");
}

struct InsertAttempts : StatementCache::Entry {
    std::string rows;
    soci::statement statement;
    InsertAttempts(soci::session& session, DatabaseBackend backend)
        : statement((session.prepare << insert_attempts_sql(backend), soci::use(rows, "rows"))) {}
};

// The endpoint of each try that settled its delivery, by the try's index in the batch; none for
// a try that wrote nothing. As if each were recorded alone, in order: the first try of a
// delivery that its lease still allows settles it, and a later one finds it settled. Tries are
// settled in waves, one try per delivery in each, so one statement settles a whole batch unless
// it holds one delivery twice.
std::vector<std::optional<std::string>> settle_in_order(StatementCache& statements, const std::string& owner,
                                                         const std::vector<AttemptToRecord>& attempts) {
    std::vector<std::optional<std::string>> endpoints(attempts.size());
    std::unordered_set<std::string> settled_by_batch;
    std::vector<std::size_t> waiting(attempts.size());
    for (std::size_t i = 0; i < waiting.size(); ++i) waiting[i] = i;
    while (!waiting.empty()) {
        std::vector<std::size_t> wave, later;
        std::unordered_set<std::string> in_wave;
        for (const std::size_t index : waiting) {
            const std::string& delivery = attempts[index].attempt.delivery_id;
            if (settled_by_batch.contains(delivery)) continue;
            (in_wave.insert(delivery).second ? wave : later).push_back(index);
        }
        if (wave.empty()) break;
        const auto settled = settle_deliveries(statements, owner, attempts, wave);
        for (const std::size_t index : wave) {
            const auto found = settled.find(attempts[index].attempt.delivery_id);
            if (found == settled.end()) continue;
            endpoints[index] = found->second;
            settled_by_batch.insert(found->first);
        }
        waiting = std::move(later);
    }
    return endpoints;
}

// The attempt rows of the tries that settled their deliveries, in one insert.
void insert_attempts(StatementCache& statements, const std::string& owner, const std::vector<AttemptToRecord>& attempts,
                     const std::vector<std::optional<std::string>>& endpoints) {
    boost::json::array rows;
    for (std::size_t i = 0; i < attempts.size(); ++i) {
        if (!endpoints[i]) continue;
        const DeliveryAttempt& attempt = attempts[i].attempt;
        rows.push_back({{"delivery_id", attempt.delivery_id},
                        {"attempt", attempt.attempt},
                        {"started_at", time_column(attempt.started_at)},
                        {"latency_ms", attempt.latency.count()},
                        {"status_code", attempt.status_code ? boost::json::value(*attempt.status_code) : nullptr},
                        {"outcome", to_string(attempt.outcome)},
                        {"response_excerpt", attempt.response_excerpt},
                        {"error", attempt.error ? boost::json::value(*attempt.error) : nullptr},
                        {"node", owner}});
    }
    if (rows.empty()) return;
    auto& kept = statements.get<InsertAttempts>();
    kept.rows = boost::json::serialize(rows);
    run(kept.statement, statements.backend());
}

// An endpoint as a batch of tries sees it: read at its first try in the batch, then kept current
// by the batch's own changes (the failure span, the disabling), so that the next try of the batch
// to the same endpoint reads nothing. On SQLite no one else writes meanwhile (BEGIN IMMEDIATE);
// on PostgreSQL another node's batch may, just as it may between a read and a write of one try.
struct EndpointState {
    std::string id, channel, url;
    bool enabled = false;
    std::optional<Time> failing_since;
};

struct SelectEndpointState : StatementCache::Entry {
    std::string id, channel, url, status, since;
    soci::indicator since_indicator = soci::i_null;
    soci::statement statement;
    SelectEndpointState(soci::session& session, DatabaseBackend backend)
        : statement((session.prepare << "SELECT channel, url, status, " + select_time(backend, "failing_since") +
                                            " FROM endpoints WHERE id = :id",
                     soci::into(channel), soci::into(url), soci::into(status), soci::into(since, since_indicator),
                     soci::use(id))) {}
};

Result<EndpointState, StoreError> endpoint_state(StatementCache& statements, const std::string& endpoint_id,
                                                 const std::string& delivery_id) {
    auto& kept = statements.get<SelectEndpointState>();
    kept.id = endpoint_id;
    kept.since_indicator = soci::i_null;
    // The foreign key keeps a delivery's endpoint, and the settled delivery's row lock keeps it
    // from being deleted under us: a database that lost one is broken.
    if (!run(kept.statement, statements.backend())) {
        return fail(StoreError{"delivery " + delivery_id + " names endpoint " + endpoint_id +
                               ", which the database does not hold"});
    }
    EndpointState state{endpoint_id, kept.channel, kept.url, kept.status == "enabled", std::nullopt};
    if (kept.since_indicator == soci::i_ok) {
        auto at = read_time(kept.since, "endpoint failing_since");
        if (!at) return fail(std::move(at).error());
        state.failing_since = *at;
    }
    return state;
}

struct EndFailureSpan : StatementCache::Entry {
    std::string id;
    soci::statement statement;
    EndFailureSpan(soci::session& session, DatabaseBackend /*backend*/)
        : statement((session.prepare << "UPDATE endpoints SET failing_since = NULL WHERE id = :id", soci::use(id))) {}
};

struct StartFailureSpan : StatementCache::Entry {
    std::string started, id;
    soci::statement statement;
    StartFailureSpan(soci::session& session, DatabaseBackend /*backend*/)
        : statement((session.prepare << "UPDATE endpoints SET failing_since = :started"
                                        " WHERE id = :id AND failing_since IS NULL",
                     soci::use(started), soci::use(id))) {}
};

// A success ends the endpoint's failure span; a failed try starts one if none is running.
void keep_failure_span(StatementCache& statements, EndpointState& endpoint, const DeliveryAttempt& attempt) {
    if (attempt.outcome == AttemptOutcome::success) {
        if (endpoint.failing_since) {
            auto& kept = statements.get<EndFailureSpan>();
            kept.id = endpoint.id;
            run(kept.statement, statements.backend());
        }
        endpoint.failing_since.reset();
        return;
    }
    if (endpoint.failing_since) return;
    auto& kept = statements.get<StartFailureSpan>();
    kept.started = time_column(attempt.started_at);
    kept.id = endpoint.id;
    run(kept.statement, statements.backend());
    endpoint.failing_since = attempt.started_at;
}

// Why this try disables the endpoint: the receiver said so (410), or it has failed too long.
std::optional<EndpointDisabling> disabling(const EndpointState& endpoint, const DeliverySettlement& settlement, Time finished) {
    if (!endpoint.enabled || !settlement.receiver_judged) return std::nullopt;
    if (settlement.disable_endpoint) return EndpointDisabling{DisableCause::gone, *settlement.disable_endpoint};
    if (!settlement.disable_after || !endpoint.failing_since) return std::nullopt;
    if (finished - *endpoint.failing_since < *settlement.disable_after) return std::nullopt;
    return EndpointDisabling{DisableCause::failing, "every try failed since " + format_rfc3339(*endpoint.failing_since) +
                                                        ", for more than " + format_duration(*settlement.disable_after) +
                                                        " (dispatcher.disable_after)"};
}

// True if this call disabled it (another node's try may have, a moment before).
bool disable_endpoint(soci::session& session, const std::string& endpoint_id, const std::string& reason, Time now) {
    const std::string updated = time_column(now);
    soci::statement update = (session.prepare << "UPDATE endpoints SET status = 'disabled', disabled_reason = :reason,"
                                                 " updated_at = :now WHERE status = 'enabled' AND id = :id",
                              soci::use(reason), soci::use(updated), soci::use(endpoint_id));
    update.execute(true);
    return update.get_affected_rows() == 1;
}

// The operators' notification, with no instance: the other endpoints that want it are told.
void write_notice(soci::session& session, const EndpointState& endpoint, const std::string& notice_id,
                  const EndpointDisabling& disabled, Time now) {
    // Under "data", as every notification's fields are: its template's placeholders read them there.
    boost::json::object data{{"endpoint_id", endpoint.id},
                             {"url", shown_url(endpoint.channel, endpoint.url)},
                             {"cause", to_string(disabled.cause)},
                             {"reason", disabled.reason},
                             {"disabled_at", format_rfc3339(now)}};
    if (endpoint.failing_since) data["failing_since"] = format_rfc3339(*endpoint.failing_since);
    const boost::json::object payload{{"data", std::move(data)}};
    const std::string body = json_column(payload);
    const std::string type(endpoint_disabled_notice);
    const std::string at = time_column(now);
    session << "INSERT INTO outbox (id, template, payload, next_attempt_at, created_at)"
               " VALUES (:id, :template, :payload, :due, :created_at)",
        soci::use(notice_id), soci::use(type), soci::use(body), soci::use(at), soci::use(at);
}

// The endpoints a batch has read so far, by id (EndpointState).
using BatchEndpoints = std::unordered_map<std::string, EndpointState>;

// What one settled try does to its endpoint, inside the batch's transaction, in the batch's order.
Result<AttemptRecorded, StoreError> record_one(soci::session& session, StatementCache& statements,
                                               BatchEndpoints& endpoints, const std::string& endpoint_id,
                                               const DeliveryAttempt& attempt, const DeliverySettlement& settlement) {
    auto endpoint = endpoints.find(endpoint_id);
    if (endpoint == endpoints.end()) {
        auto read = endpoint_state(statements, endpoint_id, attempt.delivery_id);
        if (!read) return fail(std::move(read).error());
        endpoint = endpoints.emplace(endpoint_id, std::move(read).value()).first;
    }
    EndpointState& state = endpoint->second;
    // A message seminarflow could not render was never sent: the receiver is not judged by it.
    if (settlement.receiver_judged) keep_failure_span(statements, state, attempt);
    const Time finished = attempt.started_at + attempt.latency;
    AttemptRecorded recorded{.recorded = true};
    auto disabled = disabling(state, settlement, finished);
    if (!disabled) return recorded;
    const bool disabled_here = disable_endpoint(session, state.id, disabled->reason, finished);
    state.enabled = false;  // by this try, or by another node's a moment before
    if (disabled_here) {
        // A settlement without a notice id (a caller that names none) disables silently.
        if (!settlement.notice_id.empty()) write_notice(session, state, settlement.notice_id, *disabled, finished);
        recorded.disabled = std::move(disabled);
    }
    return recorded;
}

}  // namespace

Result<std::vector<AttemptRecorded>, StoreError> SociStore::record_attempts(const std::string& owner,
                                                                            const std::vector<AttemptToRecord>& attempts) {
    if (attempts.empty()) return std::vector<AttemptRecorded>{};
    const DatabaseBackend backend = impl_->url_.backend;
    return impl_->with_connection<std::vector<AttemptRecorded>>(
        "record_attempts",
        [&](soci::session& session, StatementCache& statements) -> Result<std::vector<AttemptRecorded>, StoreError> {
            Transaction transaction(session, backend);
            const auto settled = settle_in_order(statements, owner, attempts);
            insert_attempts(statements, owner, attempts, settled);
            BatchEndpoints endpoints;
            std::vector<AttemptRecorded> recorded;
            recorded.reserve(attempts.size());
            for (std::size_t i = 0; i < attempts.size(); ++i) {
                if (!settled[i]) {
                    recorded.push_back(AttemptRecorded{});  // nothing written
                    continue;
                }
                const auto& [attempt, settlement] = attempts[i];
                auto one = record_one(session, statements, endpoints, *settled[i], attempt, settlement);
                if (!one) return fail(std::move(one).error());  // rolled back: none written
                recorded.push_back(std::move(one).value());
            }
            transaction.commit();
            return recorded;
        });
}

}  // namespace seminarflow
