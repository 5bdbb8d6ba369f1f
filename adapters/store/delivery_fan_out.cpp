// SociStore: handing outbox notifications to the endpoints that want them.
//
// One transaction picks pending notifications, inserts one delivery per wanting endpoint and
// marks each notification done in the outbox. On PostgreSQL the pick is FOR UPDATE SKIP LOCKED,
// so nodes fanning out at once take disjoint notifications and none is handed over twice; on
// SQLite, BEGIN IMMEDIATE holds the one write lock throughout.
//
// Every value bound with soci::use is a named local (see commit_writer.cpp).
#include "adapters/store/column_values.hpp"
#include "adapters/store/endpoint_rows.hpp"
#include "adapters/store/soci_store_impl.hpp"
#include "adapters/store/transaction.hpp"

namespace seminarflow {
namespace {

struct Subscriber {
    std::string id;
    std::vector<std::string> event_types;
};

Result<std::vector<Subscriber>, StoreError> enabled_endpoints(soci::session& session) {
    std::string id, event_types;
    soci::statement rows = (session.prepare << "SELECT id, " + select_json("event_types") +
                                                   " FROM endpoints WHERE status = 'enabled' ORDER BY id",
                            soci::into(id), soci::into(event_types));
    rows.execute();
    std::vector<Subscriber> subscribers;
    while (rows.fetch()) {
        auto types = read_strings(event_types, "endpoint event_types");
        if (!types) return fail(std::move(types).error());
        subscribers.push_back({id, std::move(types).value()});
    }
    return subscribers;
}

bool wants(const Subscriber& subscriber, const std::string& type) {
    return subscriber.event_types.empty() ||
           std::find(subscriber.event_types.begin(), subscriber.event_types.end(), type) !=
               subscriber.event_types.end();
}

// (id, template) of at most `limit` pending notifications, oldest first, locked for this
// transaction on PostgreSQL.
std::vector<std::pair<std::string, std::string>> pick_pending(soci::session& session, DatabaseBackend backend,
                                                              std::size_t limit) {
    const long long most = static_cast<long long>(std::min<std::size_t>(limit, LLONG_MAX));
    std::string id, template_name;
    soci::statement rows =
        (session.prepare << std::string("SELECT id, template FROM outbox WHERE status = 'pending'"
                                        " ORDER BY next_attempt_at, id LIMIT :limit") +
                                (backend == DatabaseBackend::postgresql ? " FOR UPDATE SKIP LOCKED" : ""),
         soci::into(id), soci::into(template_name), soci::use(most));
    rows.execute();
    std::vector<std::pair<std::string, std::string>> picked;
    while (rows.fetch()) picked.emplace_back(id, template_name);
    return picked;
}

}  // namespace

Result<std::size_t, StoreError> SociStore::fan_out_notifications(Time now, std::size_t limit, IdSource& ids) {
    if (limit == 0) return std::size_t{0};
    const DatabaseBackend backend = impl_->url_.backend;
    return impl_->with_connection<std::size_t>(
        "fan_out_notifications", [&](soci::session& session) -> Result<std::size_t, StoreError> {
            Transaction transaction(session, backend);
            const auto picked = pick_pending(session, backend, limit);
            if (picked.empty()) return std::size_t{0};
            auto subscribers = enabled_endpoints(session);
            if (!subscribers) return fail(std::move(subscribers).error());
            const std::string now_text = time_column(now);
            std::string delivery_id, notification_id, endpoint_id;
            soci::statement insert =
                (session.prepare << "INSERT INTO deliveries (id, notification_id, endpoint_id, next_attempt_at,"
                                    " created_at) VALUES (:id, :notification, :endpoint, :due, :created_at)",
                 soci::use(delivery_id), soci::use(notification_id), soci::use(endpoint_id), soci::use(now_text),
                 soci::use(now_text));
            soci::statement handed = (session.prepare << "UPDATE outbox SET status = 'delivered', delivered_at = :now,"
                                                         " lease_owner = NULL, lease_expires_at = NULL WHERE id = :id",
                                      soci::use(now_text), soci::use(notification_id));
            for (const auto& [id, type] : picked) {
                notification_id = id;
                for (const Subscriber& subscriber : *subscribers) {
                    if (!wants(subscriber, type)) continue;
                    delivery_id = ids.next_id();
                    endpoint_id = subscriber.id;
                    insert.execute(true);
                }
                handed.execute(true);
            }
            transaction.commit();
            return picked.size();
        });
}

}  // namespace seminarflow
