// SociStore: the endpoints notifications are sent to.
#include "adapters/store/column_values.hpp"
#include "adapters/store/endpoint_rows.hpp"
#include "adapters/store/soci_store_impl.hpp"
#include "adapters/store/transaction.hpp"

namespace seminarflow {

Result<Done, StoreError> SociStore::add_endpoint(const Endpoint& endpoint) {
    return impl_->with_connection<Done>("add_endpoint", [&](soci::session& session) -> Result<Done, StoreError> {
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
        session << "INSERT INTO endpoints (id, channel, url, description, secrets, event_types, status,"
                   " disabled_reason, retry_schedule, max_in_flight, rate_limit, created_at, updated_at, language, chat_id)"
                   " VALUES (:id, :channel, :url, :description, :secrets, :event_types, :status, :reason,"
                   " :schedule, :max_in_flight, :rate_limit, :created_at, :updated_at, :language, :chat_id)",
            soci::use(endpoint.id), soci::use(endpoint.channel), soci::use(endpoint.url),
            soci::use(endpoint.description), soci::use(secrets), soci::use(event_types), soci::use(status),
            soci::use(reason, reason_indicator), soci::use(schedule, schedule_indicator),
            soci::use(endpoint.max_in_flight), soci::use(rate, rate_indicator), soci::use(created_at),
            soci::use(updated_at), soci::use(endpoint.language), soci::use(chat_id, chat_indicator);
        return Done{};
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
        }
        return endpoints;
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
