// SociStore: handing outbox notifications to the endpoints that want them.
//
// One transaction picks pending notifications, inserts the deliveries of each wanting endpoint
// and marks each notification done in the outbox. An endpoint whose channel sends to a place (a
// webhook) gets one delivery; one whose channel addresses participants (email) gets one per
// recipient, resolved here from the instance's participants as they are now (fan_out_recipients).
// On PostgreSQL the pick is FOR UPDATE SKIP LOCKED, so nodes fanning out at once take disjoint
// notifications and none is handed over twice; on SQLite, BEGIN IMMEDIATE holds the one write
// lock throughout.
//
// Every value bound with soci::use is a named local (see commit_writer.cpp).
#include "adapters/store/column_values.hpp"
#include "adapters/store/endpoint_rows.hpp"
#include "adapters/store/fan_out_recipients.hpp"
#include "adapters/store/soci_store_impl.hpp"
#include "adapters/store/transaction.hpp"

namespace seminarflow {
namespace {

struct Subscriber {
    std::string id;
    std::string channel;
    std::vector<std::string> event_types;
};

Result<std::vector<Subscriber>, StoreError> enabled_endpoints(soci::session& session) {
    std::string id, channel, event_types;
    soci::statement rows = (session.prepare << "SELECT id, channel, " + select_json("event_types") +
                                                   " FROM endpoints WHERE status = 'enabled' ORDER BY id",
                            soci::into(id), soci::into(channel), soci::into(event_types));
    rows.execute();
    std::vector<Subscriber> subscribers;
    while (rows.fetch()) {
        auto types = read_strings(event_types, "endpoint event_types");
        if (!types) return fail(std::move(types).error());
        subscribers.push_back({id, channel, std::move(types).value()});
    }
    return subscribers;
}

bool wants(const Subscriber& subscriber, const std::string& type) {
    return subscriber.event_types.empty() ||
           std::find(subscriber.event_types.begin(), subscriber.event_types.end(), type) !=
               subscriber.event_types.end();
}

struct Picked {
    std::string id, template_name, instance_id;  // instance_id: '' once the instance is deleted
    std::vector<std::string> audience;
};

// At most `limit` pending notifications, oldest first, locked for this transaction on PostgreSQL.
Result<std::vector<Picked>, StoreError> pick_pending(soci::session& session, DatabaseBackend backend,
                                                     std::size_t limit) {
    const long long most = static_cast<long long>(std::min<std::size_t>(limit, LLONG_MAX));
    std::string id, template_name, instance_id, audience;
    soci::indicator instance_indicator = soci::i_null;
    soci::statement rows =
        (session.prepare << "SELECT id, template, instance_id, " + select_json("audience") +
                                " FROM outbox WHERE status = 'pending' ORDER BY next_attempt_at, id LIMIT :limit" +
                                (backend == DatabaseBackend::postgresql ? " FOR UPDATE SKIP LOCKED" : ""),
         soci::into(id), soci::into(template_name), soci::into(instance_id, instance_indicator), soci::into(audience),
         soci::use(most));
    rows.execute();
    std::vector<Picked> picked;
    while (rows.fetch()) {
        auto roles = read_strings(audience, "outbox audience");
        if (!roles) return fail(std::move(roles).error());
        picked.push_back({id, template_name, instance_indicator == soci::i_ok ? instance_id : std::string(),
                          std::move(roles).value()});
        instance_indicator = soci::i_null;
    }
    return picked;
}

// The insert of one delivery, with or without a recipient (NULL columns for a webhook's).
class DeliveryInsert {
public:
    DeliveryInsert(soci::session& session, const std::string& now)
        : now_(now),
          statement_((session.prepare << "INSERT INTO deliveries (id, notification_id, endpoint_id, next_attempt_at,"
                                         " created_at, recipient_key, recipient_kind, recipient_ref, recipient_role,"
                                         " recipient_name, recipient_address, recipient_language) VALUES (:id,"
                                         " :notification, :endpoint, :due, :created_at, :key, :kind, :ref, :role,"
                                         " :name, :address, :language)",
                      soci::use(id_), soci::use(notification_id_), soci::use(endpoint_id_), soci::use(now_),
                      soci::use(now_), soci::use(key_), soci::use(kind_, indicator_), soci::use(ref_, indicator_),
                      soci::use(role_, indicator_), soci::use(name_, indicator_), soci::use(address_, indicator_),
                      soci::use(language_, indicator_))) {}

    void insert(std::string id, const std::string& notification_id, const std::string& endpoint_id,
                const Recipient* recipient) {
        id_ = std::move(id);
        notification_id_ = notification_id;
        endpoint_id_ = endpoint_id;
        indicator_ = recipient ? soci::i_ok : soci::i_null;
        key_ = recipient ? recipient_key(recipient->address) : std::string();
        kind_ = recipient ? std::string(participant_kind_name(recipient->participant.kind)) : std::string();
        ref_ = recipient ? recipient->participant.ref : std::string();
        role_ = recipient ? recipient->participant.role : std::string();
        name_ = recipient ? recipient->display_name : std::string();
        address_ = recipient ? recipient->address : std::string();
        language_ = recipient ? recipient->language : std::string();
        statement_.execute(true);
    }

private:
    std::string now_, id_, notification_id_, endpoint_id_, key_, kind_, ref_, role_, name_, address_, language_;
    soci::indicator indicator_ = soci::i_null;
    soci::statement statement_;
};

// Hands one notification to every subscriber that wants it.
Result<Done, StoreError> hand_over(soci::session& session, const Picked& notification,
                                   const std::vector<Subscriber>& subscribers, DeliveryInsert& insert, IdSource& ids) {
    std::optional<std::vector<Participant>> participants;  // read once, if a channel needs them
    for (const Subscriber& subscriber : subscribers) {
        if (!wants(subscriber, notification.template_name)) continue;
        const auto contact = participant_contact_for(subscriber.channel);
        if (!contact) {
            insert.insert(ids.next_id(), notification.id, subscriber.id, nullptr);
            continue;
        }
        if (notification.instance_id.empty()) continue;  // its instance is gone, and its participants
        if (!participants) {
            auto read = participants_of(session, notification.instance_id);
            if (!read) return fail(std::move(read).error());
            participants = std::move(read).value();
        }
        for (const Recipient& recipient : choose_recipients(*participants, notification.audience, *contact)) {
            insert.insert(ids.next_id(), notification.id, subscriber.id, &recipient);
        }
    }
    return Done{};
}

}  // namespace

Result<std::size_t, StoreError> SociStore::fan_out_notifications(Time now, std::size_t limit, IdSource& ids) {
    if (limit == 0) return std::size_t{0};
    const DatabaseBackend backend = impl_->url_.backend;
    return impl_->with_connection<std::size_t>(
        "fan_out_notifications", [&](soci::session& session) -> Result<std::size_t, StoreError> {
            Transaction transaction(session, backend);
            auto picked = pick_pending(session, backend, limit);
            if (!picked) return fail(std::move(picked).error());
            if (picked->empty()) return std::size_t{0};
            auto subscribers = enabled_endpoints(session);
            if (!subscribers) return fail(std::move(subscribers).error());
            const std::string now_text = time_column(now);
            DeliveryInsert insert(session, now_text);
            std::string notification_id;
            soci::statement handed = (session.prepare << "UPDATE outbox SET status = 'delivered', delivered_at = :now,"
                                                         " lease_owner = NULL, lease_expires_at = NULL WHERE id = :id",
                                      soci::use(now_text), soci::use(notification_id));
            for (const Picked& notification : *picked) {
                if (auto done = hand_over(session, notification, *subscribers, insert, ids); !done) {
                    return fail(std::move(done).error());
                }
                notification_id = notification.id;
                handed.execute(true);
            }
            transaction.commit();
            return picked->size();
        });
}

}  // namespace seminarflow
