// SociStore: what operators do with deliveries and endpoints: look, send again, switch on and off.
//
// Every value bound with soci::use is a named local (see commit_writer.cpp).
#include "adapters/store/column_values.hpp"
#include "adapters/store/soci_store_impl.hpp"
#include "adapters/store/transaction.hpp"

namespace seminarflow {
namespace {

struct RecordRow {
    std::string id, notification_id, endpoint_id, type, status, next_attempt_at, created_at, last_error, finished_at;
    std::string recipient;
    int attempts = 0, last_status_code = 0;
    soci::indicator code_indicator = soci::i_null, error_indicator = soci::i_null, finished_indicator = soci::i_null,
                    recipient_indicator = soci::i_null;

    void bind(soci::statement& statement) {
        for (std::string* text : {&id, &notification_id, &endpoint_id, &type, &status}) {
            statement.exchange(soci::into(*text));
        }
        statement.exchange(soci::into(attempts));
        statement.exchange(soci::into(next_attempt_at));
        statement.exchange(soci::into(last_status_code, code_indicator));
        statement.exchange(soci::into(last_error, error_indicator));
        statement.exchange(soci::into(created_at));
        statement.exchange(soci::into(finished_at, finished_indicator));
        statement.exchange(soci::into(recipient, recipient_indicator));
    }

    Result<DeliveryRecord, StoreError> read() const {
        const auto parsed_status = parse_delivery_status(status);
        if (!parsed_status) return fail(StoreError{"unreadable delivery status in the database: '" + status + "'"});
        auto next = read_time(next_attempt_at, "delivery next_attempt_at");
        auto created = read_time(created_at, "delivery created_at");
        if (!next) return fail(std::move(next).error());
        if (!created) return fail(std::move(created).error());
        DeliveryRecord record{id, notification_id, endpoint_id, type, *parsed_status, attempts, *next, {}, {}, *created, {}};
        if (code_indicator == soci::i_ok) record.last_status_code = last_status_code;
        if (error_indicator == soci::i_ok) record.last_error = last_error;
        if (recipient_indicator == soci::i_ok) record.recipient = recipient;
        if (finished_indicator == soci::i_ok) {
            auto finished = read_time(finished_at, "delivery finished_at");
            if (!finished) return fail(std::move(finished).error());
            record.finished_at = *finished;
        }
        return record;
    }
};

std::string listing_sql(DatabaseBackend backend, const DeliveryFilter& filter) {
    std::string sql = "SELECT d.id, d.notification_id, d.endpoint_id, o.template, d.status, d.attempts, " +
                      select_time(backend, "d.next_attempt_at") + ", d.last_status_code, d.last_error, " +
                      select_time(backend, "d.created_at") + ", " + select_time(backend, "d.finished_at") +
                      ", d.recipient_address FROM deliveries d JOIN outbox o ON o.id = d.notification_id WHERE 1 = 1";
    if (filter.status) sql += " AND d.status = :status";
    if (filter.endpoint_id) sql += " AND d.endpoint_id = :endpoint";
    return sql + " ORDER BY d.created_at DESC, d.id DESC LIMIT :limit";
}

constexpr const char* send_again =
    "UPDATE deliveries SET status = 'pending', next_attempt_at = :now, finished_at = NULL,"
    " lease_owner = NULL, lease_expires_at = NULL WHERE status IN ('failed', 'dead')";

}  // namespace

Result<std::vector<DeliveryRecord>, StoreError> SociStore::list_deliveries(const DeliveryFilter& filter) {
    using Records = std::vector<DeliveryRecord>;
    const DatabaseBackend backend = impl_->url_.backend;
    return impl_->with_connection<Records>("list_deliveries", [&](soci::session& session) -> Result<Records, StoreError> {
        RecordRow row;
        const std::string status = filter.status ? std::string(to_string(*filter.status)) : "";
        const std::string endpoint = filter.endpoint_id.value_or("");
        const long long limit = static_cast<long long>(std::clamp<std::size_t>(filter.limit, 1, 10'000));
        soci::statement rows(session);
        row.bind(rows);
        if (filter.status) rows.exchange(soci::use(status, "status"));
        if (filter.endpoint_id) rows.exchange(soci::use(endpoint, "endpoint"));
        rows.exchange(soci::use(limit, "limit"));
        rows.alloc();
        rows.prepare(listing_sql(backend, filter));
        rows.define_and_bind();
        rows.execute();
        Records records;
        while (rows.fetch()) {
            auto record = row.read();
            if (!record) return fail(std::move(record).error());
            records.push_back(std::move(record).value());
            row.code_indicator = row.error_indicator = row.finished_indicator = row.recipient_indicator = soci::i_null;
        }
        return records;
    });
}

Result<bool, StoreError> SociStore::retry_delivery(std::string_view id, Time now) {
    return impl_->with_connection<bool>("retry_delivery", [&](soci::session& session) -> Result<bool, StoreError> {
        const std::string key(id);
        const std::string now_text = time_column(now);
        soci::statement update = (session.prepare << std::string(send_again) + " AND id = :id", soci::use(now_text),
                                  soci::use(key));
        update.execute(true);
        return update.get_affected_rows() == 1;
    });
}

Result<std::size_t, StoreError> SociStore::replay_deliveries(Time since, Time now) {
    return impl_->with_connection<std::size_t>(
        "replay_deliveries", [&](soci::session& session) -> Result<std::size_t, StoreError> {
            const std::string since_text = time_column(since);
            const std::string now_text = time_column(now);
            soci::statement update = (session.prepare << std::string(send_again) + " AND created_at >= :since",
                                      soci::use(now_text), soci::use(since_text));
            update.execute(true);
            return static_cast<std::size_t>(update.get_affected_rows());
        });
}

Result<bool, StoreError> SociStore::set_endpoint_status(std::string_view id,
                                                        const std::optional<std::string>& disabled_reason, Time now) {
    return impl_->with_connection<bool>("set_endpoint_status", [&](soci::session& session) -> Result<bool, StoreError> {
        const std::string key(id);
        const std::string status = disabled_reason ? "disabled" : "enabled";
        const std::string reason = disabled_reason.value_or("");
        soci::indicator reason_indicator = disabled_reason ? soci::i_ok : soci::i_null;
        const std::string now_text = time_column(now);
        soci::statement update =
            (session.prepare << "UPDATE endpoints SET status = :status, disabled_reason = :reason, updated_at = :now"
                                " WHERE id = :id",
             soci::use(status), soci::use(reason, reason_indicator), soci::use(now_text), soci::use(key));
        update.execute(true);
        return update.get_affected_rows() == 1;
    });
}

}  // namespace seminarflow
