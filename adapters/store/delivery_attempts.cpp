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
// Every value bound with soci::use is a named local (see commit_writer.cpp).
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

bool settle_delivery(soci::session& session, const std::string& owner, const DeliveryAttempt& attempt,
                     const DeliverySettlement& settlement) {
    const bool pending = settlement.status == DeliveryStatus::pending;
    const std::string status(to_string(settlement.status));
    const std::string next = time_column(settlement.next_attempt_at);
    soci::indicator next_indicator = pending ? soci::i_ok : soci::i_null;
    const std::string finished = time_column(attempt.started_at + attempt.latency);
    soci::indicator finished_indicator = pending ? soci::i_null : soci::i_ok;
    const int code = attempt.status_code.value_or(0);
    soci::indicator code_indicator = attempt.status_code ? soci::i_ok : soci::i_null;
    const std::string error = last_error_of(attempt);
    const int number = attempt.attempt;
    soci::statement update =
        (session.prepare << "UPDATE deliveries SET status = :status,"
                            " next_attempt_at = COALESCE(:next, next_attempt_at), finished_at = :finished,"
                            " lease_owner = NULL, lease_expires_at = NULL, last_status_code = :code,"
                            " last_error = :error WHERE id = :id AND status = 'pending' AND lease_owner = :owner"
                            " AND attempts = :attempt",
         soci::use(status), soci::use(next, next_indicator), soci::use(finished, finished_indicator),
         soci::use(code, code_indicator), soci::use(error), soci::use(attempt.delivery_id), soci::use(owner),
         soci::use(number));
    update.execute(true);
    return update.get_affected_rows() == 1;
}

void insert_attempt(soci::session& session, const std::string& owner, const DeliveryAttempt& attempt) {
    const int number = attempt.attempt;
    const std::string started = time_column(attempt.started_at);
    const long long latency = attempt.latency.count();
    const int code = attempt.status_code.value_or(0);
    soci::indicator code_indicator = attempt.status_code ? soci::i_ok : soci::i_null;
    const std::string outcome(to_string(attempt.outcome));
    const std::string error = attempt.error.value_or("");
    soci::indicator error_indicator = attempt.error ? soci::i_ok : soci::i_null;
    session << "INSERT INTO delivery_attempts (delivery_id, attempt, started_at, latency_ms, status_code, outcome,"
               " response_excerpt, error, node) VALUES (:delivery, :attempt, :started, :latency, :code, :outcome,"
               " :excerpt, :error, :node)",
        soci::use(attempt.delivery_id), soci::use(number), soci::use(started), soci::use(latency),
        soci::use(code, code_indicator), soci::use(outcome), soci::use(attempt.response_excerpt),
        soci::use(error, error_indicator), soci::use(owner);
}

struct EndpointState {
    std::string id, channel, url;
    bool enabled = false;
    std::optional<Time> failing_since;
};

Result<EndpointState, StoreError> endpoint_of(soci::session& session, DatabaseBackend backend,
                                              const std::string& delivery_id) {
    EndpointState state;
    std::string status, since;
    soci::indicator since_indicator = soci::i_null;
    session << "SELECT e.id, e.channel, e.url, e.status, " + select_time(backend, "e.failing_since") +
                   " FROM deliveries d JOIN endpoints e ON e.id = d.endpoint_id WHERE d.id = :id",
        soci::into(state.id), soci::into(state.channel), soci::into(state.url), soci::into(status), soci::into(since, since_indicator),
        soci::use(delivery_id);
    state.enabled = status == "enabled";
    if (since_indicator == soci::i_ok) {
        auto at = read_time(since, "endpoint failing_since");
        if (!at) return fail(std::move(at).error());
        state.failing_since = *at;
    }
    return state;
}

// A success ends the endpoint's failure span; a failed try starts one if none is running.
void keep_failure_span(soci::session& session, EndpointState& endpoint, const DeliveryAttempt& attempt) {
    if (attempt.outcome == AttemptOutcome::success) {
        if (endpoint.failing_since) session << "UPDATE endpoints SET failing_since = NULL WHERE id = :id", soci::use(endpoint.id);
        endpoint.failing_since.reset();
        return;
    }
    if (endpoint.failing_since) return;
    const std::string started = time_column(attempt.started_at);
    session << "UPDATE endpoints SET failing_since = :started WHERE id = :id AND failing_since IS NULL",
        soci::use(started), soci::use(endpoint.id);
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

// One try, inside the batch's transaction.
Result<AttemptRecorded, StoreError> record_one(soci::session& session, DatabaseBackend backend, const std::string& owner,
                                               const DeliveryAttempt& attempt, const DeliverySettlement& settlement) {
    if (!settle_delivery(session, owner, attempt, settlement)) return AttemptRecorded{};  // nothing written
    insert_attempt(session, owner, attempt);
    auto endpoint = endpoint_of(session, backend, attempt.delivery_id);
    if (!endpoint) return fail(std::move(endpoint).error());
    // A message seminarflow could not render was never sent: the receiver is not judged by it.
    if (settlement.receiver_judged) keep_failure_span(session, *endpoint, attempt);
    const Time finished = attempt.started_at + attempt.latency;
    AttemptRecorded recorded{.recorded = true};
    auto disabled = disabling(*endpoint, settlement, finished);
    if (disabled && disable_endpoint(session, endpoint->id, disabled->reason, finished)) {
        // A settlement without a notice id (a caller that names none) disables silently.
        if (!settlement.notice_id.empty()) write_notice(session, *endpoint, settlement.notice_id, *disabled, finished);
        recorded.disabled = std::move(disabled);
    }
    return recorded;
}

}  // namespace

Result<std::vector<AttemptRecorded>, StoreError> SociStore::record_attempts(const std::string& owner,
                                                                            const std::vector<AttemptToRecord>& attempts) {
    const DatabaseBackend backend = impl_->url_.backend;
    return impl_->with_connection<std::vector<AttemptRecorded>>(
        "record_attempts", [&](soci::session& session) -> Result<std::vector<AttemptRecorded>, StoreError> {
            Transaction transaction(session, backend);
            std::vector<AttemptRecorded> recorded;
            recorded.reserve(attempts.size());
            for (const auto& [attempt, settlement] : attempts) {
                auto one = record_one(session, backend, owner, attempt, settlement);
                if (!one) return fail(std::move(one).error());  // rolled back: none written
                recorded.push_back(std::move(one).value());
            }
            transaction.commit();
            return recorded;
        });
}

}  // namespace seminarflow
