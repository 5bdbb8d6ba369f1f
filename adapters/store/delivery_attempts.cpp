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
// every execution). The settlement answers the delivery's endpoint, and each endpoint is read once
// per batch (EndpointState): a try costs two round trips, its settlement and its attempt row,
// unless it starts or ends its endpoint's failure span. The statements that disable an endpoint
// are rare, and made afresh.
//
// Every value bound with soci::use is a named local or a kept statement's member.
#include <optional>
#include <unordered_map>

#include <boost/json/object.hpp>

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

// Settles the delivery if this node still holds its lease for this very attempt, and then answers
// its endpoint's id.
struct SettleDelivery : StatementCache::Entry {
    std::string status, next, finished, error, delivery_id, owner, endpoint_id;
    int code = 0, number = 0;
    soci::indicator next_indicator = soci::i_null, finished_indicator = soci::i_null,
                    code_indicator = soci::i_null;
    soci::statement statement;
    SettleDelivery(soci::session& session, DatabaseBackend /*backend*/)
        : statement((session.prepare << "UPDATE deliveries SET status = :status,"
                                        " next_attempt_at = COALESCE(:next, next_attempt_at), finished_at = :finished,"
                                        " lease_owner = NULL, lease_expires_at = NULL, last_status_code = :code,"
                                        " last_error = :error WHERE id = :id AND status = 'pending'"
                                        " AND lease_owner = :owner AND attempts = :attempt RETURNING endpoint_id",
                     soci::into(endpoint_id), soci::use(status), soci::use(next, next_indicator),
                     soci::use(finished, finished_indicator), soci::use(code, code_indicator), soci::use(error),
                     soci::use(delivery_id), soci::use(owner), soci::use(number))) {}
};

std::optional<std::string> settle_delivery(StatementCache& statements, const std::string& owner,
                                           const DeliveryAttempt& attempt, const DeliverySettlement& settlement) {
    auto& kept = statements.get<SettleDelivery>();
    const bool pending = settlement.status == DeliveryStatus::pending;
    kept.status = to_string(settlement.status);
    kept.next = time_column(settlement.next_attempt_at);
    kept.next_indicator = pending ? soci::i_ok : soci::i_null;
    kept.finished = time_column(attempt.started_at + attempt.latency);
    kept.finished_indicator = pending ? soci::i_null : soci::i_ok;
    kept.code = attempt.status_code.value_or(0);
    kept.code_indicator = attempt.status_code ? soci::i_ok : soci::i_null;
    kept.error = last_error_of(attempt);
    kept.delivery_id = attempt.delivery_id;
    kept.owner = owner;
    kept.number = attempt.attempt;
    if (!run(kept.statement, statements.backend())) return std::nullopt;
    return kept.endpoint_id;
}

struct InsertAttempt : StatementCache::Entry {
    std::string delivery_id, started, outcome, excerpt, error, node;
    int number = 0, code = 0;
    long long latency = 0;
    soci::indicator code_indicator = soci::i_null, error_indicator = soci::i_null;
    soci::statement statement;
    InsertAttempt(soci::session& session, DatabaseBackend /*backend*/)
        : statement((session.prepare << "INSERT INTO delivery_attempts (delivery_id, attempt, started_at, latency_ms,"
                                        " status_code, outcome, response_excerpt, error, node) VALUES (:delivery,"
                                        " :attempt, :started, :latency, :code, :outcome, :excerpt, :error, :node)",
                     soci::use(delivery_id), soci::use(number), soci::use(started), soci::use(latency),
                     soci::use(code, code_indicator), soci::use(outcome), soci::use(excerpt),
                     soci::use(error, error_indicator), soci::use(node))) {}
};

void insert_attempt(StatementCache& statements, const std::string& owner, const DeliveryAttempt& attempt) {
    auto& kept = statements.get<InsertAttempt>();
    kept.delivery_id = attempt.delivery_id;
    kept.number = attempt.attempt;
    kept.started = time_column(attempt.started_at);
    kept.latency = attempt.latency.count();
    kept.code = attempt.status_code.value_or(0);
    kept.code_indicator = attempt.status_code ? soci::i_ok : soci::i_null;
    kept.outcome = to_string(attempt.outcome);
    kept.excerpt = attempt.response_excerpt;
    kept.error = attempt.error.value_or("");
    kept.error_indicator = attempt.error ? soci::i_ok : soci::i_null;
    kept.node = owner;
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

// One try, inside the batch's transaction.
Result<AttemptRecorded, StoreError> record_one(soci::session& session, StatementCache& statements,
                                               BatchEndpoints& endpoints, const std::string& owner,
                                               const DeliveryAttempt& attempt, const DeliverySettlement& settlement) {
    const auto endpoint_id = settle_delivery(statements, owner, attempt, settlement);
    if (!endpoint_id) return AttemptRecorded{};  // nothing written
    insert_attempt(statements, owner, attempt);
    auto endpoint = endpoints.find(*endpoint_id);
    if (endpoint == endpoints.end()) {
        auto read = endpoint_state(statements, *endpoint_id, attempt.delivery_id);
        if (!read) return fail(std::move(read).error());
        endpoint = endpoints.emplace(*endpoint_id, std::move(read).value()).first;
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
    const DatabaseBackend backend = impl_->url_.backend;
    return impl_->with_connection<std::vector<AttemptRecorded>>(
        "record_attempts",
        [&](soci::session& session, StatementCache& statements) -> Result<std::vector<AttemptRecorded>, StoreError> {
            Transaction transaction(session, backend);
            BatchEndpoints endpoints;
            std::vector<AttemptRecorded> recorded;
            recorded.reserve(attempts.size());
            for (const auto& [attempt, settlement] : attempts) {
                auto one = record_one(session, statements, endpoints, owner, attempt, settlement);
                if (!one) return fail(std::move(one).error());  // rolled back: none written
                recorded.push_back(std::move(one).value());
            }
            transaction.commit();
            return recorded;
        });
}

}  // namespace seminarflow
