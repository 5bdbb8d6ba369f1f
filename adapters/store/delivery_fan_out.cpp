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
// A round writes its deliveries with one insert and marks its notifications with one update,
// whatever their number. Every value bound with soci::use is a kept statement's member (see
// commit_writer.cpp and statement_cache.hpp).
#include <boost/json/serialize.hpp>

#include "adapters/store/column_values.hpp"
#include "adapters/store/delivery_round_steps.hpp"
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

// Each fan-out's statements are kept prepared on their connection (statement_cache.hpp): on
// PostgreSQL one prepared per call costs a round trip to prepare it and another to deallocate it
// besides its executions (and a one-shot one is parsed and planned at every execution).
struct EnabledEndpoints : StatementCache::Entry {
    std::string id, channel, event_types;
    soci::statement statement;
    EnabledEndpoints(soci::session& session, DatabaseBackend /*backend*/)
        : statement((session.prepare << "SELECT id, channel, " + select_json("event_types") +
                                            " FROM endpoints WHERE status = 'enabled' ORDER BY id",
                     soci::into(id), soci::into(channel), soci::into(event_types))) {}
};

Result<std::vector<Subscriber>, StoreError> enabled_endpoints(StatementCache& statements) {
    auto& kept = statements.get<EnabledEndpoints>();
    const Finishing finishing(kept.statement, statements.backend());
    kept.statement.execute();
    std::vector<Subscriber> subscribers;
    while (kept.statement.fetch()) {
        auto types = read_strings(kept.event_types, "endpoint event_types");
        if (!types) return fail(std::move(types).error());
        subscribers.push_back({kept.id, kept.channel, std::move(types).value()});
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
struct PickPending : StatementCache::Entry {
    long long most = 0;
    std::string id, template_name, instance_id, audience;
    soci::indicator instance_indicator = soci::i_null;
    soci::statement statement;
    PickPending(soci::session& session, DatabaseBackend backend)
        : statement((session.prepare << "SELECT id, template, instance_id, " + select_json("audience") +
                                            " FROM outbox WHERE status = 'pending' ORDER BY next_attempt_at, id"
                                            " LIMIT :limit" +
                                            (backend == DatabaseBackend::postgresql ? " FOR UPDATE SKIP LOCKED" : ""),
                     soci::into(id), soci::into(template_name), soci::into(instance_id, instance_indicator),
                     soci::into(audience), soci::use(most))) {}
};

Result<std::vector<Picked>, StoreError> pick_pending(StatementCache& statements, std::size_t limit) {
    auto& kept = statements.get<PickPending>();
    kept.most = static_cast<long long>(std::min<std::size_t>(limit, LLONG_MAX));
    kept.instance_indicator = soci::i_null;
    const Finishing finishing(kept.statement, statements.backend());
    kept.statement.execute();
    std::vector<Picked> picked;
    while (kept.statement.fetch()) {
        auto roles = read_strings(kept.audience, "outbox audience");
        if (!roles) return fail(std::move(roles).error());
        picked.push_back({kept.id, kept.template_name,
                          kept.instance_indicator == soci::i_ok ? kept.instance_id : std::string(),
                          std::move(roles).value()});
        kept.instance_indicator = soci::i_null;
    }
    return picked;
}

// Every delivery of a round in ONE insert (rows_from_list). A round of a hundred notifications to
// a few endpoints was a few hundred round trips; it is now one.
std::string insert_deliveries_sql(DatabaseBackend backend) {
    std::string select;
    for (const char* name : {"id", "notification_id", "endpoint_id", "created_at", "created_at", "recipient_key",
                             "recipient_kind", "recipient_ref", "recipient_role", "recipient_name", "recipient_address",
                             "recipient_language"}) {
        select.append(select.empty() ? "" : ", ").append(row_field(backend, name));
    }
    return "INSERT INTO deliveries (id, notification_id, endpoint_id, next_attempt_at, created_at, recipient_key,"
           " recipient_kind, recipient_ref, recipient_role, recipient_name, recipient_address, recipient_language)"
           " SELECT " + select + " FROM " +
           rows_from_list(backend, "id text, notification_id text, endpoint_id text, created_at timestamptz,"
                                   " recipient_key text, recipient_kind text, recipient_ref text, recipient_role text,"
                                   " recipient_name text, recipient_address text, recipient_language text");
}

struct InsertDeliveries : StatementCache::Entry {
    std::string rows;
    soci::statement statement;
    InsertDeliveries(soci::session& session, DatabaseBackend backend)
        : statement((session.prepare << insert_deliveries_sql(backend), soci::use(rows, "rows"))) {}
};

// One delivery's row, with or without a recipient (NULL columns, and key '', for a webhook's).
boost::json::object delivery_row(std::string id, const std::string& notification_id, const std::string& endpoint_id,
                                 const std::string& now, const Recipient* recipient) {
    const auto column = [&](auto read) -> boost::json::value {
        return recipient ? boost::json::value(read(*recipient)) : boost::json::value(nullptr);
    };
    return {{"id", std::move(id)},
            {"notification_id", notification_id},
            {"endpoint_id", endpoint_id},
            {"created_at", now},
            {"recipient_key", recipient ? recipient_key(recipient->address) : std::string()},
            {"recipient_kind", column([](const Recipient& r) { return std::string(participant_kind_name(r.participant.kind)); })},
            {"recipient_ref", column([](const Recipient& r) { return r.participant.ref; })},
            {"recipient_role", column([](const Recipient& r) { return r.participant.role; })},
            {"recipient_name", column([](const Recipient& r) { return r.display_name; })},
            {"recipient_address", column([](const Recipient& r) { return r.address; })},
            {"recipient_language", column([](const Recipient& r) { return r.language; })}};
}

void insert_deliveries(StatementCache& statements, const boost::json::array& rows) {
    if (rows.empty()) return;
    auto& kept = statements.get<InsertDeliveries>();
    kept.rows = boost::json::serialize(rows);
    run(kept.statement, statements.backend());
}

// The round's notifications marked handed over, in one statement.
struct MarkHandedOver : StatementCache::Entry {
    std::string now, ids;  // ids: a JSON array (ids_from_list)
    soci::statement statement;
    MarkHandedOver(soci::session& session, DatabaseBackend backend)
        : statement((session.prepare << "UPDATE outbox SET status = 'delivered', delivered_at = :now,"
                                        " lease_owner = NULL, lease_expires_at = NULL WHERE id IN (" +
                                            ids_from_list(backend) + ")",
                     soci::use(now, "now"), soci::use(ids, "ids"))) {}
};

void mark_handed_over(StatementCache& statements, const std::vector<std::string>& notification_ids,
                      const std::string& now) {
    auto& kept = statements.get<MarkHandedOver>();
    kept.now = now;
    kept.ids = json_column(notification_ids);
    run(kept.statement, statements.backend());
}

// The deliveries of one notification, one per subscriber that wants it (per recipient for a
// channel that addresses participants), added to `rows`.
Result<Done, StoreError> hand_over(soci::session& session, const Picked& notification,
                                   const std::vector<Subscriber>& subscribers, const std::string& now,
                                   IdSource& ids, boost::json::array& rows) {
    std::optional<std::vector<Participant>> participants;  // read once, if a channel needs them
    for (const Subscriber& subscriber : subscribers) {
        if (!wants(subscriber, notification.template_name)) continue;
        const auto contact = participant_contact_for(subscriber.channel);
        if (!contact) {
            rows.push_back(delivery_row(ids.next_id(), notification.id, subscriber.id, now, nullptr));
            continue;
        }
        if (notification.instance_id.empty()) continue;  // its instance is gone, and its participants
        if (!participants) {
            auto read = participants_of(session, notification.instance_id);
            if (!read) return fail(std::move(read).error());
            participants = std::move(read).value();
        }
        for (const Recipient& recipient : choose_recipients(*participants, notification.audience, *contact)) {
            rows.push_back(delivery_row(ids.next_id(), notification.id, subscriber.id, now, &recipient));
        }
    }
    return Done{};
}

}  // namespace

Result<std::size_t, StoreError> hand_over_notifications(soci::session& session, StatementCache& statements, Time now,
                                                        std::size_t limit, IdSource& ids) {
    auto picked = pick_pending(statements, limit);
    if (!picked) return fail(std::move(picked).error());
    if (picked->empty()) return std::size_t{0};
    auto subscribers = enabled_endpoints(statements);
    if (!subscribers) return fail(std::move(subscribers).error());
    const std::string now_text = time_column(now);
    boost::json::array rows;
    std::vector<std::string> handed_over;
    for (const Picked& notification : *picked) {
        if (auto done = hand_over(session, notification, *subscribers, now_text, ids, rows); !done) {
            return fail(std::move(done).error());
        }
        handed_over.push_back(notification.id);
    }
    insert_deliveries(statements, rows);
    mark_handed_over(statements, handed_over, now_text);
    return picked->size();
}

Result<std::size_t, StoreError> SociStore::fan_out_notifications(Time now, std::size_t limit, IdSource& ids) {
    if (limit == 0) return std::size_t{0};
    const DatabaseBackend backend = impl_->url_.backend;
    return impl_->with_connection<std::size_t>(
        "fan_out_notifications",
        [&](soci::session& session, StatementCache& statements) -> Result<std::size_t, StoreError> {
            Transaction transaction(session, backend);
            auto handed = hand_over_notifications(session, statements, now, limit, ids);
            if (handed && *handed > 0) transaction.commit();
            return handed;
        });
}

}  // namespace seminarflow
