// SociStore: what operators do with deliveries and endpoints: look, send again, switch on and off;
// and the answers their requests' Idempotency-Keys keep.
//
// Every value bound with soci::use is a named local (see commit_writer.cpp).
#include "adapters/store/column_values.hpp"
#include "adapters/store/commit_statements.hpp"
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
    if (filter.after) {
        sql += " AND (d.created_at < :after_at OR (d.created_at = :after_at AND d.id < :after_id))";
    }
    return sql + " ORDER BY d.created_at DESC, d.id DESC LIMIT :limit";
}

AttemptOutcome outcome_of(std::string_view text) {
    for (const AttemptOutcome outcome :
         {AttemptOutcome::success, AttemptOutcome::retry, AttemptOutcome::failure, AttemptOutcome::disable}) {
        if (to_string(outcome) == text) return outcome;
    }
    return AttemptOutcome::failure;  // the column's CHECK allows no other
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
        const std::string after_at = filter.after ? time_column(filter.after->created_at) : "";
        const std::string after_id = filter.after ? filter.after->id : "";
        soci::statement rows(session);
        row.bind(rows);
        if (filter.status) rows.exchange(soci::use(status, "status"));
        if (filter.endpoint_id) rows.exchange(soci::use(endpoint, "endpoint"));
        if (filter.after) {
            rows.exchange(soci::use(after_at, "after_at"));
            rows.exchange(soci::use(after_id, "after_id"));
        }
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

Result<std::optional<DeliveryRecord>, StoreError> SociStore::find_delivery(std::string_view id) {
    using Found = std::optional<DeliveryRecord>;
    const DatabaseBackend backend = impl_->url_.backend;
    return impl_->with_connection<Found>("find_delivery", [&](soci::session& session) -> Result<Found, StoreError> {
        RecordRow row;
        const std::string key(id);
        soci::statement rows(session);
        row.bind(rows);
        rows.exchange(soci::use(key, "id"));
        rows.alloc();
        std::string sql = listing_sql(backend, {});
        sql = sql.substr(0, sql.find(" ORDER BY")) + " AND d.id = :id";
        rows.prepare(sql);
        rows.define_and_bind();
        rows.execute();
        if (!rows.fetch()) return Found{};
        auto record = row.read();
        if (!record) return fail(std::move(record).error());
        return Found{std::move(record).value()};
    });
}

Result<std::vector<DeliveryAttempt>, StoreError> SociStore::list_attempts(std::string_view id) {
    using Attempts = std::vector<DeliveryAttempt>;
    const DatabaseBackend backend = impl_->url_.backend;
    return impl_->with_connection<Attempts>("list_attempts", [&](soci::session& session) -> Result<Attempts, StoreError> {
        const std::string key(id);
        int number = 0, code = 0;
        long long latency = 0;
        std::string started, outcome, excerpt, error;
        soci::indicator code_indicator = soci::i_null, error_indicator = soci::i_null;
        soci::statement rows = (session.prepare << "SELECT attempt, " + select_time(backend, "started_at") +
                                                       ", latency_ms, status_code, outcome, response_excerpt, error"
                                                       " FROM delivery_attempts WHERE delivery_id = :id ORDER BY attempt",
                                soci::into(number), soci::into(started), soci::into(latency),
                                soci::into(code, code_indicator), soci::into(outcome), soci::into(excerpt),
                                soci::into(error, error_indicator), soci::use(key));
        rows.execute();
        Attempts attempts;
        while (rows.fetch()) {
            auto at = read_time(started, "delivery attempt started_at");
            if (!at) return fail(std::move(at).error());
            DeliveryAttempt attempt{.delivery_id = key, .attempt = number, .started_at = *at, .latency = Duration{latency}};
            if (code_indicator == soci::i_ok) attempt.status_code = code;
            attempt.outcome = outcome_of(outcome);
            attempt.response_excerpt = excerpt;
            if (error_indicator == soci::i_ok) attempt.error = error;
            attempts.push_back(std::move(attempt));
            code_indicator = error_indicator = soci::i_null;
        }
        return attempts;
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

Result<std::size_t, StoreError> SociStore::replay_deliveries(Time since, Time now,
                                                            const std::optional<std::string>& endpoint_id) {
    return impl_->with_connection<std::size_t>(
        "replay_deliveries", [&](soci::session& session) -> Result<std::size_t, StoreError> {
            const std::string since_text = time_column(since);
            const std::string now_text = time_column(now);
            const std::string endpoint = endpoint_id.value_or("");
            soci::statement update(session);
            update.exchange(soci::use(now_text, "now"));
            update.exchange(soci::use(since_text, "since"));
            if (endpoint_id) update.exchange(soci::use(endpoint, "endpoint"));
            update.alloc();
            update.prepare(std::string(send_again) + " AND created_at >= :since" +
                           (endpoint_id ? " AND endpoint_id = :endpoint" : ""));
            update.define_and_bind();
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
        // Enabled again, it starts a failure span afresh: the time it spent disabled is not failing.
        soci::statement update =
            (session.prepare << std::string("UPDATE endpoints SET status = :status, disabled_reason = :reason,"
                                            " updated_at = :now") +
                                    (disabled_reason ? "" : ", failing_since = NULL") + " WHERE id = :id",
             soci::use(status), soci::use(reason, reason_indicator), soci::use(now_text), soci::use(key));
        update.execute(true);
        return update.get_affected_rows() == 1;
    });
}

Result<bool, StoreError> SociStore::keep_answer(const IdempotencyRecord& answer) {
    return impl_->with_connection<bool>(
        "keep_answer", [&](soci::session&, StatementCache& statements) -> Result<bool, StoreError> {
            return insert_idempotency(statements, answer);
        });
}

}  // namespace seminarflow
