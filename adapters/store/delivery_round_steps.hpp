#pragma once
// The halves of a dispatcher round, each run inside a transaction its caller holds:
// fan_out_notifications and claim_due_deliveries run one each in a transaction of their own,
// run_delivery_round both in one (delivery_rounds.cpp). Internal to adapters/store.
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include <soci/soci.h>

#include "adapters/store/statement_cache.hpp"
#include "engine/ports/store.hpp"

namespace seminarflow {

// delivery_fan_out.cpp: hands at most `limit` pending notifications over (Store::fan_out_notifications).
Result<std::size_t, StoreError> hand_over_notifications(soci::session& session, StatementCache& statements, Time now,
                                                        std::size_t limit, IdSource& ids);

// delivery_claims.cpp: leases due deliveries to `owner` (Store::claim_due_deliveries).
Result<std::vector<Delivery>, StoreError> lease_due_deliveries(StatementCache& statements, const std::string& owner,
                                                               Time now, Time lease_until, std::size_t limit,
                                                               const ChannelRoom& room);

// delivery_claims.cpp: when the earliest pending delivery to an enabled endpoint is due.
Result<std::optional<Time>, StoreError> earliest_delivery_due(soci::session& session, DatabaseBackend backend);

}  // namespace seminarflow
