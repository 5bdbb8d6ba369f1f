#include "tests/store/store_fixtures.hpp"

#include <random>

#include <soci/soci.h>

#include "tests/store/backends.hpp"

namespace seminarflow::test {

std::unique_ptr<SociStore> migrated_store(const DatabaseUrl& url, std::size_t pool_size) {
    auto store = std::make_unique<SociStore>(url, SociStoreOptions{.pool_size = pool_size});
    STORE_REQUIRE_OK(store->migrate());
    STORE_REQUIRE_OK(store->save_definitions({{"seminar", 1, "name: seminar", "c0ffee"},
                                              {"submission", 1, "name: submission", "beef"}}));
    return store;
}

std::string new_uuid() {
    thread_local std::mt19937_64 generator{std::random_device{}()};
    constexpr std::string_view digits = "0123456789abcdef";
    std::string id;
    for (int i = 0; i < 32; ++i) {
        if (i == 8 || i == 12 || i == 16 || i == 20) id += '-';
        id += digits[generator() % digits.size()];
    }
    return id;
}

Time time_at(std::string_view rfc3339) {
    const auto time = parse_rfc3339(rfc3339);
    REQUIRE(time.has_value());
    return *time;
}

Instance seminar(std::string id, std::optional<std::string> parent, std::string workflow) {
    Instance instance;
    instance.id = std::move(id);
    instance.workflow = std::move(workflow);
    instance.definition_version = 1;
    instance.state = "draft";
    instance.data = {{"title", "Tọa đàm doanh nghiệp lần thứ 3"}, {"count", 0}};
    instance.parent = std::move(parent);
    instance.version = 1;
    instance.created_at = time_at("2026-12-01T08:00:00.123Z");
    instance.updated_at = instance.created_at;
    return instance;
}

Commit creation(const Instance& instance) {
    Commit commit;
    commit.created.push_back(instance);
    commit.history.push_back({.instance_id = instance.id,
                              .seq = 1,
                              .event = "created",
                              .actor = {"lan", Role::organiser},
                              .payload = instance.data,
                              .from = std::nullopt,
                              .to = instance.state,
                              .definition_version = instance.definition_version,
                              .at = instance.created_at});
    return commit;
}

Commit transition(const Instance& instance, std::int64_t from_version, std::string to, boost::json::object data) {
    Commit commit;
    const Time at = instance.created_at + std::chrono::seconds(from_version);
    commit.update = InstanceUpdate{instance.id, from_version, to, data, at};
    commit.history.push_back({.instance_id = instance.id,
                              .seq = from_version + 1,
                              .event = "step",
                              .actor = {"an", Role::member},
                              .payload = {},
                              .from = instance.state,
                              .to = std::move(to),
                              .definition_version = instance.definition_version,
                              .at = at});
    return commit;
}

long long count_rows(const DatabaseUrl& url, const std::string& table, const std::string& where) {
    const auto session = connect(url);
    return query_number(*session, "SELECT count(*) FROM " + table + (where.empty() ? "" : " WHERE " + where));
}

std::string query_text(const DatabaseUrl& url, const std::string& sql) {
    const auto session = connect(url);
    std::string value;
    *session << sql, soci::into(value);
    return value;
}

void check_shown_as_stored(const Instance& got, const Instance& stored) {
    CHECK(got.id == stored.id);
    CHECK(got.workflow == stored.workflow);
    CHECK(got.definition_version == stored.definition_version);
    CHECK(got.state == stored.state);
    CHECK(got.data == stored.data);
    CHECK(got.parent == stored.parent);
    CHECK(got.version == 1);
    CHECK(got.created_at == stored.created_at);
    CHECK(got.updated_at == stored.updated_at);
}

}  // namespace seminarflow::test
