#pragma once
// An endpoints row as SOCI reads it, and how it becomes an Endpoint: what listing endpoints and
// claiming deliveries share. Internal to adapters/store (it shows SOCI).
#include <soci/soci.h>

#include <string>

#include "adapters/store/database_url.hpp"
#include "engine/model/endpoint.hpp"
#include "engine/model/result.hpp"
#include "engine/ports/store.hpp"

namespace seminarflow {

struct EndpointRow {
    std::string id, channel, url, description, settings, secrets, event_types, status, created_at, updated_at;
    std::string disabled_reason, retry_schedule, failing_since, language, chat_id;
    soci::indicator disabled_indicator = soci::i_null, schedule_indicator = soci::i_null,
                    rate_indicator = soci::i_null, failing_indicator = soci::i_null, chat_indicator = soci::i_null;
    int max_in_flight = 0;
    int rate_limit = 0;

    // The columns, as a SELECT list over table alias `alias` ("e"), in the order bind() reads them.
    static std::string columns(DatabaseBackend backend, const std::string& alias);
    void bind(soci::statement& statement);
    Result<Endpoint, StoreError> read() const;
    // Before the next fetch: SOCI leaves an indicator as it was when a column is not NULL.
    void clear() {
        disabled_indicator = schedule_indicator = rate_indicator = failing_indicator = chat_indicator = soci::i_null;
    }
};

// The retry schedule column: milliseconds as a JSON array.
std::string schedule_column(const std::vector<Duration>& delays);
// The settings column: a JSON object of strings.
std::string settings_column(const std::map<std::string, std::string, std::less<>>& settings);

}  // namespace seminarflow
