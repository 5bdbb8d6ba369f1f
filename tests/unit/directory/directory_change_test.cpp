// Changing one entry of the directory (engine/directory/directory_change.hpp): a merge patch
// applied down into the contact, what a patch sets checked as creation checks it, and the rules
// a changed unit keeps (no cycle through its descendants, kinds in order with its parent and its
// children) and a removed unit keeps (nothing hangs on it); the store's lookups stood in for by a
// map.
#include <catch2/catch.hpp>

#include <map>

#include "engine/directory/directory_change.hpp"

using namespace seminarflow;

namespace {

Unit unit(std::string ref, UnitKind kind, std::optional<std::string> parent) {
    return Unit{.ref = ref, .kind = kind, .name = "Đơn vị " + ref, .parent = std::move(parent)};
}

// tinh (federation) > huyen (district) > nganh (sector) > cdcs (grassroots) > to (group)
struct Stored {
    std::map<std::string, Unit> units{{"tinh", unit("tinh", UnitKind::federation, {})},
                                      {"huyen", unit("huyen", UnitKind::district, "tinh")},
                                      {"nganh", unit("nganh", UnitKind::sector, "huyen")},
                                      {"cdcs", unit("cdcs", UnitKind::grassroots, "nganh")},
                                      {"to", unit("to", UnitKind::group, "cdcs")}};
    StoredUnit lookup() const {
        return [this](const std::string& ref) -> std::optional<Unit> {
            const auto found = units.find(ref);
            return found == units.end() ? std::nullopt : std::optional<Unit>(found->second);
        };
    }
    Unit moved(const std::string& ref, std::optional<std::string> parent) const {
        return patched(units.at(ref), UnitPatch{.parent = std::move(parent)});
    }
};

}  // namespace

TEST_CASE("a patch replaces what it sets, merges the contact and leaves the rest", "[directory]") {
    Unit stored = unit("cdcs", UnitKind::grassroots, "nganh");
    stored.contact = Contact{{"email", "cd@example.vn"}, {"telegram", "@cd"}};
    stored.language = "en";
    const Unit changed = patched(stored, UnitPatch{.name = "Tên mới",
                                                   .contact = boost::json::object{{"telegram", nullptr},
                                                                                  {"phone", "0203 3835 123"}}});
    CHECK(changed.name == "Tên mới");
    CHECK(changed.kind == UnitKind::grassroots);
    CHECK(changed.parent == std::optional<std::string>("nganh"));
    CHECK(changed.language == "en");
    CHECK(changed.contact == Contact{{"email", "cd@example.vn"}, {"phone", "0203 3835 123"}});
    CHECK(patched(stored, UnitPatch{.contact = boost::json::value(nullptr)}).contact.empty());
    CHECK_FALSE(patched(stored, UnitPatch{.parent = std::optional<std::string>{}}).parent.has_value());
    CHECK(same_content(patched(stored, UnitPatch{}), stored));
}

TEST_CASE("what a patch sets is checked as creation checks it", "[directory]") {
    CHECK_FALSE(patch_problem(UnitPatch{}).has_value());
    CHECK_FALSE(patch_problem(PersonPatch{.title = ""}).has_value());
    CHECK(patch_problem(UnitPatch{.name = " "})->field == "name");
    CHECK(patch_problem(UnitPatch{.parent = std::optional<std::string>("a/b")})->field == "parent");
    CHECK(patch_problem(UnitPatch{.language = "fr"})->field == "language");
    CHECK(patch_problem(UnitPatch{.contact = boost::json::object{{"email", "khong-phai-email"}}})->field ==
          "contact.email");
    CHECK(patch_problem(PersonPatch{.contact = boost::json::object{{"zalo", 5}}})->field == "contact.zalo");
    CHECK(patch_problem(PersonPatch{.unit = std::optional<std::string>(" cdcs")})->field == "unit");
}

TEST_CASE("a unit moves under a unit of its level or above, never under itself or its descendants",
          "[directory]") {
    const Stored stored;
    CHECK_FALSE(unit_change_refusal(stored.moved("cdcs", "tinh"), stored.lookup(), {}).has_value());
    CHECK_FALSE(unit_change_refusal(stored.moved("nganh", std::nullopt), stored.lookup(), {}).has_value());

    const auto itself = unit_change_refusal(stored.moved("huyen", "huyen"), stored.lookup(), {});
    REQUIRE(itself.has_value());
    CHECK(itself->kind == DirectoryRefusalKind::cycle);
    CHECK(itself->field == "parent");
    // huyen under nganh, its own child: kinds allow it (same level), the cycle does not.
    const auto below = unit_change_refusal(stored.moved("huyen", "nganh"), stored.lookup(), {});
    REQUIRE(below.has_value());
    CHECK(below->kind == DirectoryRefusalKind::cycle);
    CHECK(below->detail == "unit 'huyen' cannot move under 'nganh', which is one of its own descendants: a unit "
                           "cannot be its own ancestor");

    const auto unknown = unit_change_refusal(stored.moved("cdcs", "khong-co"), stored.lookup(), {});
    REQUIRE(unknown.has_value());
    CHECK(unknown->kind == DirectoryRefusalKind::unknown_parent);
    const auto deeper = unit_change_refusal(stored.moved("huyen", "cdcs"), stored.lookup(), {});
    REQUIRE(deeper.has_value());
    CHECK(deeper->kind == DirectoryRefusalKind::kind_order);
}

TEST_CASE("a unit's new kind sits at or below its parent's and at or above each child's", "[directory]") {
    const Stored stored;
    const Unit grassroots_huyen = patched(stored.units.at("huyen"), UnitPatch{.kind = UnitKind::grassroots});
    const auto refusal = unit_change_refusal(grassroots_huyen, stored.lookup(), {stored.units.at("nganh")});
    REQUIRE(refusal.has_value());
    CHECK(refusal->kind == DirectoryRefusalKind::kind_order);
    CHECK(refusal->field == "kind");
    CHECK(refusal->detail == "unit 'nganh' is a sector union, which cannot sit under 'huyen', a grassroots one");
    const Unit sector_huyen = patched(stored.units.at("huyen"), UnitPatch{.kind = UnitKind::sector});
    CHECK_FALSE(unit_change_refusal(sector_huyen, stored.lookup(), {stored.units.at("nganh")}).has_value());
    const Unit federation_cdcs = patched(stored.units.at("cdcs"), UnitPatch{.kind = UnitKind::federation});
    CHECK(unit_change_refusal(federation_cdcs, stored.lookup(), {})->kind == DirectoryRefusalKind::kind_order);
}

TEST_CASE("a person moves to a stored unit or to none", "[directory]") {
    const Stored stored;
    const Person person{.ref = "kien", .name = "Nguyễn Văn Kiên", .unit = "cdcs"};
    CHECK_FALSE(person_change_refusal(patched(person, PersonPatch{.unit = std::optional<std::string>("tinh")}),
                                      stored.lookup())
                    .has_value());
    CHECK_FALSE(
        person_change_refusal(patched(person, PersonPatch{.unit = std::optional<std::string>{}}), stored.lookup())
            .has_value());
    const auto refusal = person_change_refusal(
        patched(person, PersonPatch{.unit = std::optional<std::string>("khong-co")}), stored.lookup());
    REQUIRE(refusal.has_value());
    CHECK(refusal->kind == DirectoryRefusalKind::unknown_unit);
    CHECK(refusal->field == "unit");
}

TEST_CASE("a unit is removed only once no child unit and no person hangs on it, and the refusal names them",
          "[directory]") {
    CHECK_FALSE(unit_removal_refusal("to", {}, {}).has_value());
    const auto both = unit_removal_refusal("cdcs", {"to-1", "to-2"}, {"kien"});
    REQUIRE(both.has_value());
    CHECK(both->kind == DirectoryRefusalKind::in_use);
    CHECK(both->detail == "unit 'cdcs' still has 2 child units (to-1, to-2) and 1 person (kien): move or remove "
                          "them first");
    const auto many = unit_removal_refusal("cdcs", {}, {"a", "b", "c", "d", "e", "f"});
    CHECK(many->detail == "unit 'cdcs' still has 6 people (a, b, c, d, e ...): move or remove them first");
}
