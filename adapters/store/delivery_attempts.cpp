// SociStore: recording a try to send a delivery, and what it leaves the delivery in.
//
// The attempt row, the delivery's new state and (on a 410) its endpoint disabled are one
// transaction: a crash leaves either all of it or the delivery still leased, to be sent again
// once the lease runs out (at least once). The update is conditional on this node still holding
// the lease for this very attempt: a node whose lease ran out, and whose delivery another node
// took, writes nothing, and the other node's try is the one recorded.
//
// Every value bound with soci::use is a named local (see commit_writer.cpp).
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

void disable_endpoint(soci::session& session, const std::string& delivery_id, const std::string& reason, Time now) {
    const std::string updated = time_column(now);
    session << "UPDATE endpoints SET status = 'disabled', disabled_reason = :reason, updated_at = :now"
               " WHERE status = 'enabled' AND id = (SELECT endpoint_id FROM deliveries WHERE id = :id)",
        soci::use(reason), soci::use(updated), soci::use(delivery_id);
}

}  // namespace

Result<bool, StoreError> SociStore::record_attempt(const std::string& owner, const DeliveryAttempt& attempt,
                                                   const DeliverySettlement& settlement) {
    const DatabaseBackend backend = impl_->url_.backend;
    return impl_->with_connection<bool>("record_attempt", [&](soci::session& session) -> Result<bool, StoreError> {
        Transaction transaction(session, backend);
        if (!settle_delivery(session, owner, attempt, settlement)) return false;  // rolled back: nothing written
        insert_attempt(session, owner, attempt);
        if (settlement.disable_endpoint) {
            disable_endpoint(session, attempt.delivery_id, *settlement.disable_endpoint,
                             attempt.started_at + attempt.latency);
        }
        transaction.commit();
        return true;
    });
}

}  // namespace seminarflow
