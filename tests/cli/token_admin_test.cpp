// What `seminarflow tokens` decides on its own: which names and units a token can have, which
// token `revoke NAME-or-ID` means, and the table `list` prints.
#include <catch2/catch.hpp>

#include "adapters/cli/token_admin.hpp"

using Catch::Matchers::Contains;

namespace seminarflow {
namespace {

ApiToken token(std::string id, std::string name, std::optional<Time> revoked_at = std::nullopt) {
    return ApiToken{.id = std::move(id), .name = std::move(name), .role = Role::member,
                    .units = {"Công đoàn Sở Tư pháp"}, .hash = std::string(64, 'a'),
                    .created_at = *parse_rfc3339("2026-08-04T01:30:00.250Z"), .revoked_at = revoked_at};
}

constexpr std::string_view first_id = "0190a1b2-c3d4-7e5f-8a6b-000000000001";
constexpr std::string_view second_id = "0190a1b2-c3d4-7e5f-8a6b-000000000002";
constexpr std::string_view third_id = "0190a1b2-c3d4-7e5f-8a6b-000000000003";

}  // namespace

TEST_CASE("a token's name is short, printable UTF-8 that no id could be mistaken for", "[cli][tokens]") {
    CHECK_FALSE(token_name_problem("me").has_value());
    CHECK_FALSE(token_name_problem("Ban Tổ chức hội thảo").has_value());
    std::string hundred;
    for (int i = 0; i < 100; ++i) hundred += "ộ";  // 100 characters, 300 bytes: counted as 100
    CHECK_FALSE(token_name_problem(hundred).has_value());
    CHECK(token_name_problem(hundred + "ộ").has_value());
    CHECK_THAT(token_name_problem("").value(), Contains("blank"));
    CHECK_THAT(token_name_problem("   ").value(), Contains("blank"));
    CHECK_THAT(token_name_problem(std::string(101, 'n')).value(), Contains("longer than 100 characters"));
    CHECK_THAT(token_name_problem("line\nbreak").value(), Contains("control character"));
    CHECK_THAT(token_name_problem("h\xe1i").value(), Contains("not valid UTF-8"));
    CHECK_THAT(token_name_problem(first_id).value(), Contains("looks like a token id"));
    CHECK_FALSE(token_name_problem("0190a1b2-c3d4-7e5f-8a6b-00000000000g").has_value());  // not hex: not an id
}

TEST_CASE("a token's units are each a printable name, none given twice", "[cli][tokens]") {
    CHECK_FALSE(token_units_problem({}).has_value());
    CHECK_FALSE(token_units_problem({"Công đoàn Sở Tư pháp", "Công đoàn Cục Thuế tỉnh"}).has_value());
    CHECK_THAT(token_units_problem({"Công đoàn Sở Tư pháp", "Công đoàn Sở Tư pháp"}).value(),
               Contains("'Công đoàn Sở Tư pháp' is given twice"));
    CHECK_THAT(token_units_problem({""}).value(), Contains("a unit is blank"));
    CHECK_THAT(token_units_problem({std::string(201, 'u')}).value(), Contains("longer than 200"));
    CHECK_THAT(token_units_problem({"tab\there"}).value(), Contains("control character"));
}

TEST_CASE("revoke means the token with that id, else the one in force with that name", "[cli][tokens]") {
    const Time earlier = *parse_rfc3339("2026-08-05T00:00:00Z");
    const std::vector<ApiToken> tokens = {token(std::string(first_id), "bot", earlier),
                                          token(std::string(second_id), "bot"),
                                          token(std::string(third_id), "old", earlier)};
    const auto by_name = choose_token(tokens, "bot");
    REQUIRE(by_name.has_value());
    CHECK(by_name->token.id == second_id);
    CHECK(by_name->in_force);

    const auto by_id = choose_token(tokens, first_id);
    REQUIRE(by_id.has_value());
    CHECK(by_id->token.name == "bot");
    CHECK_FALSE(by_id->in_force);

    const auto only_revoked = choose_token(tokens, "old");
    REQUIRE(only_revoked.has_value());
    CHECK(only_revoked->token.id == third_id);
    CHECK_FALSE(only_revoked->in_force);

    CHECK_FALSE(choose_token(tokens, "nobody").has_value());
    CHECK_FALSE(choose_token({}, "bot").has_value());
}

TEST_CASE("the list lines columns up in characters and shows no secret", "[cli][tokens]") {
    ApiToken used = token(std::string(first_id), "Ban Tổ chức");
    used.role = Role::organiser;
    used.units = {"Công đoàn Sở Tư pháp", "Công đoàn Cục Thuế tỉnh"};
    used.last_used_at = *parse_rfc3339("2026-08-06T09:15:42.999Z");
    const ApiToken revoked = token(std::string(second_id), "bot", *parse_rfc3339("2026-08-07T00:00:00Z"));
    const std::string table = token_table({used, revoked});
    CHECK(table ==
          "ID                                    NAME         ROLE       UNITS                                         "
          " CREATED               LAST USED             REVOKED\n"
          "0190a1b2-c3d4-7e5f-8a6b-000000000001  Ban Tổ chức  organiser  Công đoàn Sở Tư pháp; Công đoàn Cục Thuế tỉnh"
          "  2026-08-04T01:30:00Z  2026-08-06T09:15:42Z  -\n"
          "0190a1b2-c3d4-7e5f-8a6b-000000000002  bot          member     Công đoàn Sở Tư pháp                         "
          "  2026-08-04T01:30:00Z  never                 2026-08-07T00:00:00Z\n");
    CHECK(table.find(std::string(64, 'a')) == std::string::npos);
}

}  // namespace seminarflow
