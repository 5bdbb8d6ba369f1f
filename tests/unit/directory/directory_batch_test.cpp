// Planning a batch of units or people (engine/directory/directory_batch.hpp): new entries put in
// an order that inserts parents first, repeats and stored twins counted, and the first entry
// that cannot be saved named with why; the store's lookups stood in for by a map.
#include <catch2/catch.hpp>

#include <map>

#include "engine/directory/directory_batch.hpp"

using namespace seminarflow;

namespace {

Unit unit(std::string ref, UnitKind kind, std::optional<std::string> parent) {
    return Unit{.ref = ref, .kind = kind, .name = "Đơn vị " + ref, .parent = std::move(parent)};
}

struct Stored {
    std::map<std::string, Unit> units;
    std::map<std::string, Person> people;
    StoredUnit unit() const {
        return [this](const std::string& ref) -> std::optional<Unit> {
            const auto found = units.find(ref);
            return found == units.end() ? std::nullopt : std::optional<Unit>(found->second);
        };
    }
    StoredPerson person() const {
        return [this](const std::string& ref) -> std::optional<Person> {
            const auto found = people.find(ref);
            return found == people.end() ? std::nullopt : std::optional<Person>(found->second);
        };
    }
};

std::vector<std::string> inserted(const std::vector<Unit>& batch, const BatchPlan& plan) {
    std::vector<std::string> refs;
    for (const std::size_t index : plan.insert_order) refs.push_back(batch[index].ref);
    return refs;
}

}  // namespace

TEST_CASE("a batch listing children first is inserted parents first", "[directory]") {
    const Stored stored;
    const std::vector<Unit> batch{unit("to", UnitKind::group, "cdcs"), unit("cdcs", UnitKind::grassroots, "huyen"),
                                  unit("huyen", UnitKind::district, "tinh"), unit("tinh", UnitKind::federation, {}),
                                  unit("cdcs-2", UnitKind::grassroots, "tinh")};
    const BatchPlan plan = plan_units(batch, stored.unit());
    REQUIRE_FALSE(plan.refusal.has_value());
    CHECK(inserted(batch, plan) == std::vector<std::string>{"tinh", "huyen", "cdcs-2", "cdcs", "to"});
    CHECK(plan.unchanged == 0);
}

TEST_CASE("units stored already as they are, or repeated, are counted and not inserted", "[directory]") {
    Stored stored;
    stored.units.emplace("tinh", unit("tinh", UnitKind::federation, {}));
    const std::vector<Unit> batch{unit("tinh", UnitKind::federation, {}), unit("cdcs", UnitKind::grassroots, "tinh"),
                                  unit("cdcs", UnitKind::grassroots, "tinh")};
    const BatchPlan plan = plan_units(batch, stored.unit());
    REQUIRE_FALSE(plan.refusal.has_value());
    CHECK(inserted(batch, plan) == std::vector<std::string>{"cdcs"});
    CHECK(plan.unchanged == 2);
}

TEST_CASE("the first unit that cannot be saved is named with why", "[directory]") {
    Stored stored;
    stored.units.emplace("tinh", unit("tinh", UnitKind::federation, {}));
    const auto refusal_of = [&](const std::vector<Unit>& batch) {
        const BatchPlan plan = plan_units(batch, stored.unit());
        REQUIRE(plan.refusal.has_value());
        CHECK(plan.insert_order.empty());
        return *plan.refusal;
    };
    const auto chain = refusal_of({unit("a", UnitKind::grassroots, "tinh"), unit("b", UnitKind::district, "c"),
                                   unit("c", UnitKind::district, "d"), unit("d", UnitKind::district, "b")});
    CHECK(chain.kind == DirectoryRefusalKind::cycle);
    CHECK(chain.index == 1);
    CHECK(chain.field == "parent");
    // Under a circle of others, not in it: refused too, as its chain never reaches the top.
    const auto under = refusal_of({unit("x", UnitKind::group, "b"), unit("b", UnitKind::district, "c"),
                                   unit("c", UnitKind::district, "b")});
    CHECK(under.kind == DirectoryRefusalKind::cycle);
    CHECK(under.index == 0);
    const auto orphan = refusal_of({unit("a", UnitKind::grassroots, "khong-co")});
    CHECK(orphan.kind == DirectoryRefusalKind::unknown_parent);
    // A federation may sit under a federation (the confederation over a province's), not lower.
    const auto upside_down = refusal_of({unit("a", UnitKind::federation, "tinh"), unit("b", UnitKind::grassroots, "a"),
                                         unit("c", UnitKind::federation, "b")});
    CHECK(upside_down.kind == DirectoryRefusalKind::kind_order);
    CHECK(upside_down.index == 2);
    CHECK(upside_down.field == "kind");
    Unit renamed = unit("tinh", UnitKind::federation, {});
    renamed.name = "Tên khác";
    const auto taken = refusal_of({renamed});
    CHECK(taken.kind == DirectoryRefusalKind::conflict);
    CHECK(taken.field == "ref");
}

TEST_CASE("a person's unit must be stored", "[directory]") {
    Stored stored;
    stored.units.emplace("tinh", unit("tinh", UnitKind::federation, {}));
    const std::vector<Person> batch{Person{.ref = "kien", .name = "Nguyễn Văn Kiên", .unit = "tinh"},
                                    Person{.ref = "khach", .name = "Khách mời", .unit = std::nullopt}};
    const BatchPlan plan = plan_people(batch, stored.person(), stored.unit());
    REQUIRE_FALSE(plan.refusal.has_value());
    CHECK(plan.insert_order == std::vector<std::size_t>{0, 1});
    const std::vector<Person> lost{Person{.ref = "lac", .name = "Lạc", .unit = "khong-co"}};
    const BatchPlan refused = plan_people(lost, stored.person(), stored.unit());
    REQUIRE(refused.refusal.has_value());
    CHECK(refused.refusal->kind == DirectoryRefusalKind::unknown_unit);
    CHECK(refused.refusal->field == "unit");
}
