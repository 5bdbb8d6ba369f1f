#include "adapters/store/endpoint_rows.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include "adapters/store/column_values.hpp"

namespace seminarflow {

std::string EndpointRow::columns(DatabaseBackend backend, const std::string& alias) {
    const std::string a = alias + ".";
    return a + "id, " + a + "channel, " + a + "url, " + a + "description, " + select_json(a + "settings") + ", " + select_json(a + "secrets") + ", " +
           select_json(a + "event_types") + ", " + a + "status, " + a + "disabled_reason, " +
           select_json(a + "retry_schedule") + ", " + a + "max_in_flight, " + a + "rate_limit, " +
           select_time(backend, a + "created_at") + ", " + select_time(backend, a + "updated_at") + ", " +
           select_time(backend, a + "failing_since") + ", " + a + "language, " + a + "chat_id";
}

void EndpointRow::bind(soci::statement& statement) {
    statement.exchange(soci::into(id));
    statement.exchange(soci::into(channel));
    statement.exchange(soci::into(url));
    statement.exchange(soci::into(description));
    statement.exchange(soci::into(settings));
    statement.exchange(soci::into(secrets));
    statement.exchange(soci::into(event_types));
    statement.exchange(soci::into(status));
    statement.exchange(soci::into(disabled_reason, disabled_indicator));
    statement.exchange(soci::into(retry_schedule, schedule_indicator));
    statement.exchange(soci::into(max_in_flight));
    statement.exchange(soci::into(rate_limit, rate_indicator));
    statement.exchange(soci::into(created_at));
    statement.exchange(soci::into(updated_at));
    statement.exchange(soci::into(failing_since, failing_indicator));
    statement.exchange(soci::into(language));
    statement.exchange(soci::into(chat_id, chat_indicator));
}

Result<Endpoint, StoreError> EndpointRow::read() const {
    Endpoint endpoint;
    endpoint.id = id;
    endpoint.channel = channel;
    endpoint.url = url;
    endpoint.language = language;
    if (chat_indicator == soci::i_ok) endpoint.chat_id = chat_id;
    endpoint.description = description;
    auto parsed_settings = read_object(settings, "endpoint settings");
    if (!parsed_settings) return fail(std::move(parsed_settings).error());
    for (const auto& [name, value] : *parsed_settings) {
        if (!value.is_string()) return fail(StoreError{"unreadable endpoint settings in the database: '" + settings + "'"});
        endpoint.settings.emplace(std::string(name), std::string(value.as_string()));
    }
    auto parsed_secrets = read_strings(secrets, "endpoint secrets");
    if (!parsed_secrets) return fail(std::move(parsed_secrets).error());
    endpoint.secrets = std::move(parsed_secrets).value();
    auto parsed_types = read_strings(event_types, "endpoint event_types");
    if (!parsed_types) return fail(std::move(parsed_types).error());
    endpoint.event_types = std::move(parsed_types).value();
    endpoint.enabled = status == "enabled";
    if (disabled_indicator == soci::i_ok) endpoint.disabled_reason = disabled_reason;
    if (schedule_indicator == soci::i_ok) {
        auto parsed = read_json(retry_schedule, "endpoint retry_schedule");
        if (!parsed) return fail(std::move(parsed).error());
        std::vector<Duration> delays;
        for (const auto& delay : parsed->as_array()) {
            if (!delay.is_int64() || delay.as_int64() < 0) {
                return fail(StoreError{"unreadable endpoint retry_schedule in the database: '" + retry_schedule + "'"});
            }
            delays.emplace_back(delay.as_int64());
        }
        endpoint.retry_schedule = std::move(delays);
    }
    endpoint.max_in_flight = max_in_flight;
    if (rate_indicator == soci::i_ok) endpoint.rate_limit = rate_limit;
    auto created = read_time(created_at, "endpoint created_at");
    auto updated = read_time(updated_at, "endpoint updated_at");
    if (!created) return fail(std::move(created).error());
    if (!updated) return fail(std::move(updated).error());
    endpoint.created_at = *created;
    endpoint.updated_at = *updated;
    if (failing_indicator == soci::i_ok) {
        auto since = read_time(failing_since, "endpoint failing_since");
        if (!since) return fail(std::move(since).error());
        endpoint.failing_since = *since;
    }
    return endpoint;
}

std::string settings_column(const std::map<std::string, std::string, std::less<>>& settings) {
    boost::json::object object;
    for (const auto& [name, value] : settings) object[name] = value;
    return boost::json::serialize(object);
}

std::string schedule_column(const std::vector<Duration>& delays) {
    boost::json::array array;
    for (const Duration delay : delays) array.emplace_back(static_cast<std::int64_t>(delay.count()));
    return boost::json::serialize(array);
}

}  // namespace seminarflow
