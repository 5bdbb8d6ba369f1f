// A directory entry's own checks (engine/model/directory.hpp, contact.hpp): kinds and their
// levels, refs, names, languages, and contacts whose email must be an address.
#include <catch2/catch.hpp>

#include "engine/model/directory.hpp"

using namespace seminarflow;

namespace {

Unit unit(std::string ref = "cdcs-so-tu-phap") {
    return Unit{.ref = std::move(ref), .kind = UnitKind::grassroots, .name = "Công đoàn Sở Tư pháp", .parent = "cdvc"};
}

std::string field_of(const std::optional<EntryProblem>& problem) {
    REQUIRE(problem.has_value());
    CHECK_FALSE(problem->message.empty());
    return problem->field;
}

}  // namespace

TEST_CASE("unit kinds are named, parsed and ranked from the federation down", "[model][directory]") {
    for (const auto kind : {UnitKind::federation, UnitKind::district, UnitKind::sector, UnitKind::grassroots,
                            UnitKind::group}) {
        CHECK(parse_unit_kind(unit_kind_name(kind)) == kind);
    }
    CHECK_FALSE(parse_unit_kind("Federation").has_value());
    CHECK(unit_kind_level(UnitKind::district) == unit_kind_level(UnitKind::sector));
    CHECK(unit_kind_level(UnitKind::federation) < unit_kind_level(UnitKind::district));
    CHECK(unit_kind_level(UnitKind::grassroots) < unit_kind_level(UnitKind::group));
    CHECK(unit_kind_names() == "federation, district, sector, grassroots, group");
}

TEST_CASE("email addresses are plain local@domain", "[model][directory]") {
    CHECK(is_email_address("congdoan@stp.gov.vn"));
    CHECK(is_email_address("chu.tich+hoi-thao@ldld-qn.example.vn"));
    for (const std::string_view bad : {"", "congdoan", "@stp.gov.vn", "congdoan@", "congdoan@localhost",
                                       "a@@b.vn", "a@b@c.vn", "cong doan@stp.vn", ".a@b.vn", "a..b@c.vn",
                                       "a@-b.vn", "a@b-.vn", "công@đoàn.vn", "a@b..vn"}) {
        INFO(bad);
        CHECK_FALSE(is_email_address(bad));
    }
    // At most 254 bytes, as the email channel sends: a 64-byte local part and a 189-byte domain
    // pass, one more byte of domain does not, though each part is within its own limit.
    const std::string local(64, 'a');
    const std::string label(62, 'b');
    const std::string domain = label + "." + label + "." + label.substr(1) + ".v";  // 189 bytes
    CHECK(is_email_address(local + "@" + domain));
    CHECK_FALSE(is_email_address(local + "@" + domain + "n"));
}

TEST_CASE("a contact is an object of strings, and the directory checks its email", "[model][directory]") {
    CHECK_FALSE(contact_problem({{"email", "x@y.vn"}, {"telegram", "@kiên"}}, true).has_value());
    CHECK_FALSE(contact_problem({{"email", "not an address"}}, false).has_value());
    const auto bad_email = contact_problem({{"email", "not an address"}}, true);
    REQUIRE(bad_email.has_value());
    CHECK(bad_email->field == "contact.email");
    const auto number = contact_problem({{"zalo", 84912345678}}, false);
    REQUIRE(number.has_value());
    CHECK(number->field == "contact.zalo");
    CHECK(contact_problem({{"", "x"}}, false).has_value());
    CHECK(contact_problem({{"email", std::string(501, 'a')}}, false).has_value());
}

TEST_CASE("a unit or person is checked on its own before the directory is asked", "[model][directory]") {
    CHECK_FALSE(unit_problem(unit()).has_value());
    CHECK_FALSE(unit_problem(unit("Công đoàn Sở Tư pháp")).has_value());  // a Vietnamese ref
    CHECK(field_of(unit_problem(unit(""))) == "ref");
    CHECK(field_of(unit_problem(unit(" cdcs"))) == "ref");
    CHECK(field_of(unit_problem(unit("a/b"))) == "ref");
    CHECK(field_of(unit_problem(unit("a\tb"))) == "ref");
    CHECK(field_of(unit_problem(unit("C\xF4ng"))) == "ref");  // Latin-1
    CHECK(field_of(unit_problem(unit(std::string(201, 'a')))) == "ref");
    Unit nameless = unit();
    nameless.name = "   ";
    CHECK(field_of(unit_problem(nameless)) == "name");
    Unit bad_parent = unit();
    bad_parent.parent = "";
    CHECK(field_of(unit_problem(bad_parent)) == "parent");
    Unit french = unit();
    french.language = "fr";
    CHECK(field_of(unit_problem(french)) == "language");
    Unit unreachable = unit();
    unreachable.contact = {{"email", "congdoan.stp.gov.vn"}};
    CHECK(field_of(unit_problem(unreachable)) == "contact.email");

    Person person{.ref = "nguyen-van-kien", .name = "Nguyễn Văn Kiên", .unit = std::nullopt, .title = "Chủ tịch"};
    CHECK_FALSE(person_problem(person).has_value());
    person.title = std::string(501, 'a');
    CHECK(field_of(person_problem(person)) == "title");
    person.title = "";
    person.unit = "";
    CHECK(field_of(person_problem(person)) == "unit");
}
