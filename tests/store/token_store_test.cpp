// The API's bearer tokens in the store: kept by their hash, listed, revoked and touched, with
// names unique among the tokens in force; the same on both backends.
#include <catch2/catch.hpp>

#include "adapters/store/soci_store.hpp"
#include "engine/runtime/definition_records.hpp"
#include "tests/store/backends.hpp"
#include "tests/store/store_fixtures.hpp"

using Catch::Matchers::Contains;
using seminarflow::test::PostgresqlBackend;
using seminarflow::test::SqliteBackend;

namespace seminarflow {
namespace {

ApiToken token_named(std::string name, Role role, std::string secret, std::vector<std::string> units = {}) {
    return ApiToken{.id = test::new_uuid(),
                    .name = std::move(name),
                    .role = role,
                    .units = std::move(units),
                    .hash = sha256_hex(secret),
                    .created_at = test::time_at("2026-08-04T01:30:00.250Z")};
}

std::vector<std::string> listed_names(Store& store) {
    const auto tokens = store.list_tokens();
    STORE_REQUIRE_OK(tokens);
    std::vector<std::string> names;
    for (const ApiToken& token : *tokens) names.push_back(token.name + (token.revoked() ? " (revoked)" : ""));
    return names;
}

}  // namespace

TEMPLATE_TEST_CASE("a token is kept by its hash and read back with every field", "[store][tokens]", SqliteBackend,
                   PostgresqlBackend) {
    TestType database;
    const auto store = test::migrated_store(database.url());
    const ApiToken organiser = token_named("Ban Tổ chức hội thảo", Role::organiser, "sft_first",
                                           {"Công đoàn Sở Tư pháp", "Công đoàn Cục Thuế tỉnh"});
    ApiToken viewer = token_named("bảng tin", Role::viewer, "sft_second");
    viewer.created_at = test::time_at("2026-08-05T00:00:00Z");
    REQUIRE(store->create_token(organiser).value() == TokenCreation::created);
    REQUIRE(store->create_token(viewer).value() == TokenCreation::created);

    const auto found = store->find_token(sha256_hex("sft_first"));
    STORE_REQUIRE_OK(found);
    REQUIRE(found->has_value());
    const ApiToken& got = **found;
    CHECK(got.id == organiser.id);
    CHECK(got.name == "Ban Tổ chức hội thảo");
    CHECK(got.role == Role::organiser);
    CHECK(got.units == std::vector<std::string>{"Công đoàn Sở Tư pháp", "Công đoàn Cục Thuế tỉnh"});
    CHECK(got.hash == sha256_hex("sft_first"));
    CHECK(got.created_at == organiser.created_at);
    CHECK_FALSE(got.last_used_at.has_value());
    CHECK_FALSE(got.revoked());
    CHECK(store->find_token(sha256_hex("sft_second")).value().value().units.empty());

    // A secret never stored is not found; nor is the secret itself taken for its hash.
    CHECK_FALSE(store->find_token(sha256_hex("sft_third")).value().has_value());
    CHECK_FALSE(store->find_token("sft_first").value().has_value());
    CHECK(listed_names(*store) == std::vector<std::string>{"Ban Tổ chức hội thảo", "bảng tin"});
}

TEMPLATE_TEST_CASE("a name is taken while its token is in force and free again once it is revoked", "[store][tokens]",
                   SqliteBackend, PostgresqlBackend) {
    TestType database;
    const auto store = test::migrated_store(database.url());
    const ApiToken first = token_named("me", Role::admin, "sft_1");
    REQUIRE(store->create_token(first).value() == TokenCreation::created);
    CHECK(store->create_token(token_named("me", Role::viewer, "sft_2")).value() == TokenCreation::name_taken);
    CHECK(listed_names(*store) == std::vector<std::string>{"me"});

    const Time revoked_at = test::time_at("2026-08-06T10:00:00.5Z");
    CHECK(store->revoke_token(first.id, revoked_at).value());
    // Revoked once: a second revocation changes nothing and says so; an unknown id likewise.
    CHECK_FALSE(store->revoke_token(first.id, test::time_at("2026-08-07T10:00:00Z")).value());
    CHECK_FALSE(store->revoke_token(test::new_uuid(), revoked_at).value());
    CHECK(store->find_token(first.hash).value().value().revoked_at == revoked_at);

    ApiToken replacement = token_named("me", Role::viewer, "sft_2");
    replacement.created_at = revoked_at;
    REQUIRE(store->create_token(replacement).value() == TokenCreation::created);
    CHECK(listed_names(*store) == std::vector<std::string>{"me (revoked)", "me"});
}

TEMPLATE_TEST_CASE("a use is recorded and never moves back", "[store][tokens]", SqliteBackend, PostgresqlBackend) {
    TestType database;
    const auto store = test::migrated_store(database.url());
    const ApiToken token = token_named("reminder bot", Role::member, "sft_bot");
    REQUIRE(store->create_token(token).value() == TokenCreation::created);
    const auto last_used = [&] { return store->find_token(token.hash).value().value().last_used_at; };

    STORE_REQUIRE_OK(store->touch_token(token.id, test::time_at("2026-08-04T02:00:00Z")));
    CHECK(last_used() == test::time_at("2026-08-04T02:00:00Z"));
    // Another node that saw an earlier use writes late: the later use stays.
    STORE_REQUIRE_OK(store->touch_token(token.id, test::time_at("2026-08-04T01:59:00Z")));
    CHECK(last_used() == test::time_at("2026-08-04T02:00:00Z"));
    STORE_REQUIRE_OK(store->touch_token(token.id, test::time_at("2026-08-04T02:01:00.001Z")));
    CHECK(last_used() == test::time_at("2026-08-04T02:01:00.001Z"));
    // An id no token has is no error: there is nothing to record the use on.
    STORE_REQUIRE_OK(store->touch_token(test::new_uuid(), test::time_at("2026-08-04T03:00:00Z")));
    CHECK(store->list_tokens().value().size() == 1);
}

TEMPLATE_TEST_CASE("the schema refuses a token it could not serve", "[store][tokens]", SqliteBackend,
                   PostgresqlBackend) {
    TestType database;
    const auto store = test::migrated_store(database.url());
    const auto refused = [&](ApiToken token) {
        const auto created = store->create_token(token);
        REQUIRE_FALSE(created.ok());
        return created.error().message;
    };
    // The engine's own role is not one a caller can hold.
    CHECK_THAT(refused(token_named("engine", Role::system, "sft_s")), Contains("create_token"));
    ApiToken plain = token_named("plain", Role::admin, "sft_p");
    plain.hash = "sft_p";  // the secret where its hash belongs
    CHECK_THAT(refused(plain), Contains("create_token"));
    CHECK_THAT(refused(token_named("", Role::admin, "sft_e")), Contains("create_token"));
    CHECK_THAT(refused(token_named(std::string(101, 'n'), Role::admin, "sft_n")), Contains("create_token"));
    CHECK(store->list_tokens().value().empty());
}

}  // namespace seminarflow
