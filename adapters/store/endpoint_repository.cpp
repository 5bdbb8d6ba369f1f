// SociStore: the endpoints notifications are sent to.
#include "adapters/store/column_values.hpp"
#include "adapters/store/commit_statements.hpp"
#include "adapters/store/endpoint_rows.hpp"
#include "adapters/store/soci_store_impl.hpp"
#include "adapters/store/transaction.hpp"

namespace seminarflow {

namespace {

void insert_endpoint(soci::session& session, const Endpoint& endpoint) {
    const std::string settings = settings_column(endpoint.settings);
    const std::string secrets = json_column(endpoint.secrets);
    const std::string event_types = json_column(endpoint.event_types);
    const std::string status = endpoint.enabled ? "enabled" : "disabled";
    const std::string reason = endpoint.disabled_reason.value_or("");
    soci::indicator reason_indicator = endpoint.disabled_reason ? soci::i_ok : soci::i_null;
    const std::string schedule = endpoint.retry_schedule ? schedule_column(*endpoint.retry_schedule) : "";
    soci::indicator schedule_indicator = endpoint.retry_schedule ? soci::i_ok : soci::i_null;
    const int rate = endpoint.rate_limit.value_or(0);
    soci::indicator rate_indicator = endpoint.rate_limit ? soci::i_ok : soci::i_null;
    const std::string created_at = time_column(endpoint.created_at);
    const std::string updated_at = time_column(endpoint.updated_at);
    const std::string chat_id = endpoint.chat_id.value_or("");
    soci::indicator chat_indicator = endpoint.chat_id ? soci::i_ok : soci::i_null;
    session << "INSERT INTO endpoints (id, channel, url, description, settings, secrets, event_types, status,"
               " disabled_reason, retry_schedule, max_in_flight, rate_limit, created_at, updated_at, language, chat_id)"
               " VALUES (:id, :channel, :url, :description, :settings, :secrets, :event_types, :status, :reason,"
               " :schedule, :max_in_flight, :rate_limit, :created_at, :updated_at, :language, :chat_id)",
        soci::use(endpoint.id), soci::use(endpoint.channel), soci::use(endpoint.url),
        soci::use(endpoint.description), soci::use(settings), soci::use(secrets), soci::use(event_types), soci::use(status),
        soci::use(reason, reason_indicator), soci::use(schedule, schedule_indicator),
        soci::use(endpoint.max_in_flight), soci::use(rate, rate_indicator), soci::use(created_at),
        soci::use(updated_at), soci::use(endpoint.language), soci::use(chat_id, chat_indicator);
}

}  // namespace

Result<Done, StoreError> SociStore::add_endpoint(const Endpoint& endpoint) {
    return impl_->with_connection<Done>("add_endpoint", [&](soci::session& session) -> Result<Done, StoreError> {
        insert_endpoint(session, endpoint);
        return Done{};
    });
}

Result<bool, StoreError> SociStore::add_endpoint(const Endpoint& endpoint, const IdempotencyRecord& answer) {
    const DatabaseBackend backend = impl_->url_.backend;
    return impl_->with_connection<bool>(
        "add_endpoint", [&](soci::session& session, StatementCache& statements) -> Result<bool, StoreError> {
            Transaction transaction(session, backend);
            insert_endpoint(session, endpoint);
            // Rolled back with the endpoint: the request that kept the key first made the one.
            if (!insert_idempotency(statements, answer)) return false;
            transaction.commit();
            return true;
        });
}

Result<std::vector<Endpoint>, StoreError> SociStore::list_endpoints() {
    using Endpoints = std::vector<Endpoint>;
    const DatabaseBackend backend = impl_->url_.backend;
    return impl_->with_connection<Endpoints>("list_endpoints", [&](soci::session& session) -> Result<Endpoints, StoreError> {
        EndpointRow row;
        soci::statement rows(session);
        row.bind(rows);
        rows.alloc();
        rows.prepare("SELECT " + EndpointRow::columns(backend, "e") + " FROM endpoints e ORDER BY e.created_at, e.id");
        rows.define_and_bind();
        rows.execute();
        Endpoints endpoints;
        while (rows.fetch()) {
            auto endpoint = row.read();
            if (!endpoint) return fail(std::move(endpoint).error());
            endpoints.push_back(std::move(endpoint).value());
            row.clear();
        }
        return endpoints;
    });
}

Result<std::optional<Endpoint>, StoreError> SociStore::find_endpoint(std::string_view id) {
    using Found = std::optional<Endpoint>;
    const DatabaseBackend backend = impl_->url_.backend;
    return impl_->with_connection<Found>("find_endpoint", [&](soci::session& session) -> Result<Found, StoreError> {
        const std::string key(id);
        EndpointRow row;
        soci::statement rows(session);
        row.bind(rows);
        rows.exchange(soci::use(key, "id"));
        rows.alloc();
        rows.prepare("SELECT " + EndpointRow::columns(backend, "e") + " FROM endpoints e WHERE e.id = :id");
        rows.define_and_bind();
        rows.execute();
        if (!rows.fetch()) return Found{};
        auto endpoint = row.read();
        if (!endpoint) return fail(std::move(endpoint).error());
        return Found{std::move(endpoint).value()};
    });
}

Result<bool, StoreError> SociStore::set_endpoint_secrets(std::string_view id, const std::vector<std::string>& secrets,
                                                         Time now) {
    return impl_->with_connection<bool>("set_endpoint_secrets", [&](soci::session& session) -> Result<bool, StoreError> {
        const std::string key(id);
        const std::string column = json_column(secrets);
        const std::string now_text = time_column(now);
        soci::statement update = (session.prepare << "UPDATE endpoints SET secrets = :secrets, updated_at = :now"
                                                     " WHERE id = :id",
                                  soci::use(column), soci::use(now_text), soci::use(key));
        update.execute(true);
        return update.get_affected_rows() == 1;
    });
}

Result<bool, StoreError> SociStore::remove_endpoint(std::string_view id) {
    return impl_->with_connection<bool>("remove_endpoint", [&](soci::session& session) -> Result<bool, StoreError> {
        const std::string key(id);
        soci::statement remove = (session.prepare << "DELETE FROM endpoints WHERE id = :id", soci::use(key));
        remove.execute(true);
        return remove.get_affected_rows() > 0;
    });
}

}  // namespace seminarflow
