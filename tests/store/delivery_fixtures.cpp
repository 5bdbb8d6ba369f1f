#include "tests/store/delivery_fixtures.hpp"

#include <algorithm>
#include <cstdio>

#include <soci/soci.h>

#include "tests/store/backends.hpp"
#include "tests/store/store_fixtures.hpp"

namespace seminarflow::test {

Endpoint webhook_endpoint(const std::string& name, std::vector<std::string> types, int max_in_flight) {
    Endpoint endpoint;
    endpoint.id = new_uuid();
    endpoint.channel = "webhook";
    endpoint.url = "http://127.0.0.1/" + name;
    endpoint.description = "Ban tổ chức — " + name;
    endpoint.secrets = {"whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"};
    endpoint.event_types = std::move(types);
    endpoint.max_in_flight = max_in_flight;
    endpoint.created_at = endpoint.updated_at = time_at("2026-11-01T00:00:00Z");
    return endpoint;
}

std::vector<std::string> seminar_notifications(SociStore& store, const std::vector<std::string>& templates,
                                               const std::string& created_at) {
    Instance instance = seminar(new_uuid());
    // The newest seminar the store knows: the fixtures' own version 1, or the shipped workflow's.
    const auto definitions = store.load_definitions();
    STORE_REQUIRE_OK(definitions);
    for (const DefinitionRecord& definition : *definitions) {
        if (definition.name == "seminar") instance.definition_version = std::max(instance.definition_version, definition.version);
    }
    Commit created = creation(instance);
    std::vector<std::string> ids;
    for (const std::string& name : templates) {
        ids.push_back(new_uuid());
        created.notifications.push_back({ids.back(), instance.id, name, {"chair"},
                                         {{"workflow", "seminar"}, {"to", "planned"}, {"data", instance.data}},
                                         time_at(created_at)});
    }
    const auto status = store.commit(created);
    STORE_REQUIRE_OK(status);
    REQUIRE(*status == CommitStatus::committed);
    return ids;
}

void run_past_foreign_keys(const DatabaseUrl& url, const std::string& sql) {
    const auto session = connect(url);
    *session << (url.backend == DatabaseBackend::sqlite ? "PRAGMA foreign_keys = OFF"
                                                         : "SET session_replication_role = replica");
    *session << sql;
}

std::string CountingIds::next_id() {
    char text[16];
    std::snprintf(text, sizeof text, "d-%04d", next_++);
    return text;
}

}  // namespace seminarflow::test
