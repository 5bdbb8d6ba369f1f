// SociStore: a dispatcher round in one transaction.
//
// A round hands the pending notifications over to the endpoints that want them, then claims the
// due deliveries, those just made among them. Run as two transactions, a round cost two commits
// (on SQLite two turns at the one writer and two fsyncs) and, on PostgreSQL, two BEGIN and
// COMMIT round trips more; it is now one of each. When the round took less than it could, the
// same transaction reads when the next delivery is due, so that the dispatcher knows how long it
// may sleep without another trip (read before the commit: a read that fails then rolls the
// round back, rather than leave deliveries leased that the dispatcher never hears of).
#include "adapters/store/delivery_round_steps.hpp"
#include "adapters/store/soci_store_impl.hpp"
#include "adapters/store/transaction.hpp"

namespace seminarflow {

Result<DeliveryRound, StoreError> SociStore::run_delivery_round(const DeliveryRoundRequest& request, IdSource& ids) {
    const DatabaseBackend backend = impl_->url_.backend;
    return impl_->with_connection<DeliveryRound>(
        "run_delivery_round", [&](soci::session& session, StatementCache& statements) -> Result<DeliveryRound, StoreError> {
            Transaction transaction(session, backend);
            DeliveryRound round;
            auto handed = hand_over_notifications(session, statements, request.now, request.hand_over, ids);
            if (!handed) return fail(std::move(handed).error());
            round.handed = *handed;
            auto claimed = lease_due_deliveries(statements, request.owner, request.now, request.lease_until,
                                                request.claim, request.room);
            if (!claimed) return fail(std::move(claimed).error());
            round.claimed = std::move(claimed).value();
            round.full = (request.hand_over > 0 && round.handed >= request.hand_over) ||
                         (request.claim > 0 && round.claimed.size() >= request.claim);
            if (!round.full) {
                auto due = earliest_delivery_due(session, backend);
                if (!due) return fail(std::move(due).error());
                round.next_due = *due;
            }
            transaction.commit();
            return round;
        });
}

}  // namespace seminarflow
