// SociStore: claiming due deliveries under a lease, endpoint by endpoint, and when the next is due.
//
// Each endpoint caps how many of its deliveries are in flight (live leases) over all nodes, so
// that one slow receiver holds that many sends and no more. The cap needs the count of live
// leases and the claim to be one decision: a claimer locks the endpoint's row first (PostgreSQL:
// FOR UPDATE SKIP LOCKED, so nodes pass over an endpoint another node is claiming for instead of
// waiting for it; SQLite: BEGIN IMMEDIATE holds the one write lock), counts, then leases at most
// the room left. A lease that ran out (its node died, or hung) no longer counts, and its delivery
// is claimable again: that is how a dead node's work is taken over. The room a claimer gives a
// channel (ChannelRoom: what this node can start at once for it) caps that channel's endpoints
// together in this claim.
//
// A claim's statements are kept prepared on their connection (statement_cache.hpp): on PostgreSQL
// one prepared per call costs a round trip to prepare it and another to deallocate it besides its
// executions (and a one-shot one is parsed and planned at every execution). The claimed
// deliveries' notifications are read together, in one statement after the leases.
//
// Every value bound with soci::use is a named local or a kept statement's member.
#include <algorithm>
#include <array>
#include <tuple>
#include <unordered_map>
#include <utility>

#include "adapters/store/column_values.hpp"
#include "adapters/store/delivery_round_steps.hpp"
#include "adapters/store/endpoint_rows.hpp"
#include "adapters/store/soci_store_impl.hpp"
#include "adapters/store/transaction.hpp"

namespace seminarflow {
namespace {

constexpr const char* claimable =
    "status = 'pending' AND next_attempt_at <= :now AND (lease_expires_at IS NULL OR lease_expires_at < :now_again)";

struct Candidate {
    Endpoint endpoint;
    std::string first_due;  // its earliest claimable delivery: endpoints are served in that order
};

// Enabled endpoints with claimable deliveries, locked for this transaction, earliest due first.
struct LockCandidates : StatementCache::Entry {
    std::string now, first_due;
    EndpointRow row;
    soci::statement statement;
    LockCandidates(soci::session& session, DatabaseBackend backend) : statement(session) {
        row.bind(statement);
        statement.exchange(soci::into(first_due));
        statement.exchange(soci::use(now, "now"));
        statement.exchange(soci::use(now, "now_again"));
        statement.alloc();
        const std::string first_due_column = select_time(
            backend, "(SELECT min(d.next_attempt_at) FROM deliveries d WHERE d.endpoint_id = e.id AND d." +
                         std::string(claimable) + ")");
        statement.prepare("SELECT " + EndpointRow::columns(backend, "e") + ", " + first_due_column +
                          " FROM endpoints e WHERE e.status = 'enabled'" +
                          " AND EXISTS (SELECT 1 FROM deliveries d WHERE d.endpoint_id = e.id AND d." + claimable +
                          ")" + (backend == DatabaseBackend::postgresql ? " FOR UPDATE OF e SKIP LOCKED" : ""));
        statement.define_and_bind();
    }
};

Result<std::vector<Candidate>, StoreError> lock_candidates(StatementCache& statements, const std::string& now) {
    auto& kept = statements.get<LockCandidates>();
    kept.now = now;
    kept.row.clear();
    const Finishing finishing(kept.statement, statements.backend());
    kept.statement.execute();
    std::vector<Candidate> candidates;
    while (kept.statement.fetch()) {
        auto endpoint = kept.row.read();
        if (!endpoint) return fail(std::move(endpoint).error());
        candidates.push_back({std::move(endpoint).value(), kept.first_due});
        kept.row.clear();
    }
    // The times are read in the one fixed-width shape (select_time): text order is time order.
    std::sort(candidates.begin(), candidates.end(), [](const Candidate& a, const Candidate& b) {
        return std::tie(a.first_due, a.endpoint.id) < std::tie(b.first_due, b.endpoint.id);
    });
    return candidates;
}

struct LiveLeases : StatementCache::Entry {
    std::string endpoint_id, now;
    long long busy = 0;
    soci::statement statement;
    LiveLeases(soci::session& session, DatabaseBackend /*backend*/)
        : statement((session.prepare << "SELECT count(*) FROM deliveries WHERE endpoint_id = :endpoint"
                                        " AND status = 'pending' AND lease_expires_at >= :now",
                     soci::into(busy), soci::use(endpoint_id), soci::use(now))) {}
};

long long live_leases(StatementCache& statements, const std::string& endpoint_id, const std::string& now) {
    auto& kept = statements.get<LiveLeases>();
    kept.endpoint_id = endpoint_id;
    kept.now = now;
    kept.busy = 0;
    run(kept.statement, statements.backend());
    return kept.busy;
}

struct Leased {
    std::string id, notification_id, created_at, due;
    int attempt = 0;
    // The recipient's columns, all NULL for a delivery to the endpoint itself.
    std::string kind, ref, role, name, address, language;
    soci::indicator recipient_indicator = soci::i_null;
};

Result<std::optional<Recipient>, StoreError> recipient_of(const Leased& leased) {
    if (leased.recipient_indicator != soci::i_ok) return std::optional<Recipient>();
    const auto kind = parse_participant_kind(leased.kind);
    if (!kind) return fail(StoreError{"unreadable delivery recipient_kind in the database: '" + leased.kind + "'"});
    return std::optional<Recipient>(
        Recipient{{*kind, leased.ref, leased.role}, leased.name, leased.address, leased.language});
}

struct LeaseFor : StatementCache::Entry {
    std::string owner, lease_until, endpoint_id, now;
    long long most = 0;
    Leased row;
    std::array<soci::indicator, 5> indicators{};  // the other recipient columns: NULL with recipient_kind
    soci::statement statement;
    LeaseFor(soci::session& session, DatabaseBackend backend)
        : statement((session.prepare << "UPDATE deliveries SET lease_owner = :owner, lease_expires_at = :lease_until,"
                                        " attempts = attempts + 1 WHERE id IN (SELECT id FROM deliveries"
                                        " WHERE endpoint_id = :endpoint AND " + std::string(claimable) +
                                            " ORDER BY next_attempt_at, id LIMIT :limit)"
                                            " RETURNING id, notification_id, attempts, " +
                                            select_time(backend, "created_at") + ", " +
                                            select_time(backend, "next_attempt_at") +
                                            ", recipient_kind, recipient_ref, recipient_role, recipient_name,"
                                            " recipient_address, recipient_language",
                     soci::into(row.id), soci::into(row.notification_id), soci::into(row.attempt),
                     soci::into(row.created_at), soci::into(row.due),
                     soci::into(row.kind, row.recipient_indicator), soci::into(row.ref, indicators[0]),
                     soci::into(row.role, indicators[1]), soci::into(row.name, indicators[2]),
                     soci::into(row.address, indicators[3]), soci::into(row.language, indicators[4]),
                     soci::use(owner), soci::use(lease_until), soci::use(endpoint_id), soci::use(now),
                     soci::use(now), soci::use(most))) {}
};

std::vector<Leased> lease_for(StatementCache& statements, const std::string& endpoint_id, const std::string& now,
                              const std::string& owner, const std::string& lease_until, long long most) {
    auto& kept = statements.get<LeaseFor>();
    kept.owner = owner;
    kept.lease_until = lease_until;
    kept.endpoint_id = endpoint_id;
    kept.now = now;
    kept.most = most;
    kept.row.recipient_indicator = soci::i_null;
    const Finishing finishing(kept.statement, statements.backend());
    kept.statement.execute();
    std::vector<Leased> leased;
    while (kept.statement.fetch()) {
        leased.push_back(kept.row);
        kept.row.recipient_indicator = soci::i_null;
    }
    // RETURNING gives the rows in no particular order; the fixed-width times sort as text.
    std::sort(leased.begin(), leased.end(),
              [](const Leased& a, const Leased& b) { return std::tie(a.due, a.id) < std::tie(b.due, b.id); });
    return leased;
}

// The notifications of a claim's leased deliveries, by id: one statement for the whole claim,
// whatever the number of its deliveries (those of one email share a notification).
struct SelectNotifications : StatementCache::Entry {
    std::string ids;  // a JSON array (ids_from_list)
    std::string id, instance_id, template_name, audience, payload, created_at;
    soci::indicator instance_indicator = soci::i_null;
    soci::statement statement;
    SelectNotifications(soci::session& session, DatabaseBackend backend)
        : statement((session.prepare << "SELECT id, instance_id, template, " + select_json("audience") + ", " +
                                            select_json("payload") + ", " + select_time(backend, "created_at") +
                                            " FROM outbox WHERE id IN (" + ids_from_list(backend) + ")",
                     soci::into(id), soci::into(instance_id, instance_indicator), soci::into(template_name),
                     soci::into(audience), soci::into(payload), soci::into(created_at), soci::use(ids))) {}
};

using Notifications = std::unordered_map<std::string, Notification>;

Result<Notifications, StoreError> load_notifications(StatementCache& statements, std::vector<std::string> ids) {
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    auto& kept = statements.get<SelectNotifications>();
    kept.ids = json_column(ids);
    kept.instance_indicator = soci::i_null;
    const Finishing finishing(kept.statement, statements.backend());
    kept.statement.execute();
    Notifications notifications;
    while (kept.statement.fetch()) {
        auto audience = read_strings(kept.audience, "outbox audience");
        auto payload = read_object(kept.payload, "outbox payload");
        auto created = read_time(kept.created_at, "outbox created_at");
        if (!audience) return fail(std::move(audience).error());
        if (!payload) return fail(std::move(payload).error());
        if (!created) return fail(std::move(created).error());
        notifications.emplace(kept.id, Notification{kept.id,
                                                    kept.instance_indicator == soci::i_ok ? kept.instance_id
                                                                                          : std::string(),
                                                    kept.template_name, std::move(audience).value(),
                                                    std::move(payload).value(), *created});
        kept.instance_indicator = soci::i_null;
    }
    return notifications;
}

}  // namespace

Result<std::vector<Delivery>, StoreError> lease_due_deliveries(StatementCache& statements, const std::string& owner,
                                                               Time now, Time lease_until, std::size_t limit,
                                                               const ChannelRoom& room) {
    using Deliveries = std::vector<Delivery>;
    if (limit == 0) return Deliveries{};
    const std::string now_text = time_column(now);
    const std::string lease_text = time_column(lease_until);
    auto candidates = lock_candidates(statements, now_text);
    if (!candidates) return fail(std::move(candidates).error());
    // Each leased row with its endpoint, in the order they are handed out.
    std::vector<std::pair<Leased, const Endpoint*>> claimed;
    std::vector<std::string> notification_ids;
    ChannelRoom channel_room = room;  // what is left of it as endpoints take their share
    for (const Candidate& candidate : *candidates) {
        const long long left = static_cast<long long>(limit - claimed.size());
        const long long endpoint_room =
            candidate.endpoint.max_in_flight - live_leases(statements, candidate.endpoint.id, now_text);
        long long most = std::min(left, endpoint_room);
        const auto channel = channel_room.find(candidate.endpoint.channel);
        if (channel != channel_room.end()) most = std::min(most, static_cast<long long>(channel->second));
        if (most <= 0) continue;
        auto leased_rows = lease_for(statements, candidate.endpoint.id, now_text, owner, lease_text, most);
        if (channel != channel_room.end()) channel->second -= leased_rows.size();
        for (Leased& leased : leased_rows) {
            notification_ids.push_back(leased.notification_id);
            claimed.emplace_back(std::move(leased), &candidate.endpoint);
        }
        if (claimed.size() == limit) break;
    }
    if (claimed.empty()) return Deliveries{};
    auto notifications = load_notifications(statements, std::move(notification_ids));
    if (!notifications) return fail(std::move(notifications).error());
    Deliveries deliveries;
    deliveries.reserve(claimed.size());
    for (const auto& [leased, endpoint] : claimed) {
        const auto notification = notifications->find(leased.notification_id);
        // The foreign key keeps a delivery's notification, and the lease keeps it from being
        // deleted under us: a database that lost one is broken.
        if (notification == notifications->end()) {
            return fail(StoreError{"delivery " + leased.id + " names notification " + leased.notification_id +
                                   ", which the outbox does not hold"});
        }
        auto created = read_time(leased.created_at, "delivery created_at");
        auto recipient = recipient_of(leased);
        if (!created) return fail(std::move(created).error());
        if (!recipient) return fail(std::move(recipient).error());
        deliveries.push_back(
            {leased.id, notification->second, *endpoint, leased.attempt, *created, std::move(recipient).value()});
    }
    return deliveries;
}

Result<std::optional<Time>, StoreError> earliest_delivery_due(soci::session& session, DatabaseBackend backend) {
    return select_earliest(session,
                           "SELECT " + select_time(backend, "d.next_attempt_at") +
                               " FROM deliveries d JOIN endpoints e ON e.id = d.endpoint_id"
                               " WHERE d.status = 'pending' AND e.status = 'enabled'"
                               " ORDER BY d.next_attempt_at LIMIT 1",
                           "delivery next_attempt_at");
}

Result<std::vector<Delivery>, StoreError> SociStore::claim_due_deliveries(const std::string& owner, Time now,
                                                                          Time lease_until, std::size_t limit,
                                                                          const ChannelRoom& room) {
    using Deliveries = std::vector<Delivery>;
    if (limit == 0) return Deliveries{};
    const DatabaseBackend backend = impl_->url_.backend;
    return impl_->with_connection<Deliveries>(
        "claim_due_deliveries",
        [&](soci::session& session, StatementCache& statements) -> Result<Deliveries, StoreError> {
            Transaction transaction(session, backend);
            auto claimed = lease_due_deliveries(statements, owner, now, lease_until, limit, room);
            if (claimed) transaction.commit();
            return claimed;
        });
}

Result<std::optional<Time>, StoreError> SociStore::next_delivery_due() {
    using Due = std::optional<Time>;
    const DatabaseBackend backend = impl_->url_.backend;
    return impl_->with_connection<Due>("next_delivery_due", [&](soci::session& session) -> Result<Due, StoreError> {
        return earliest_delivery_due(session, backend);
    });
}

}  // namespace seminarflow
