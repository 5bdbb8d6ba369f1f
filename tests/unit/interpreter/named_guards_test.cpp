// units_distinct: inviting a unit twice would send it two requests for one contribution.
#include <catch2/catch.hpp>

#include "engine/interpreter/named_guards.hpp"
#include "engine/model/event.hpp"
#include "engine/model/instance.hpp"

using namespace seminarflow;

namespace {

std::optional<std::string> units_distinct(boost::json::object payload) {
    const NamedGuards guards = standard_named_guards();
    const auto found = guards.find("units_distinct");
    REQUIRE(found != guards.end());
    return found->second(Instance{}, Event{"invite", std::move(payload), Actor{"organiser", Role::organiser}});
}

}  // namespace

TEST_CASE("units_distinct lets through a list naming each unit once", "[named_guards]") {
    CHECK_FALSE(units_distinct({{"units", boost::json::array{"cdcs_so_tu_phap", "cdcs_tkv"}}}));
    CHECK_FALSE(units_distinct({{"units", boost::json::array{boost::json::object{{"id", "a"}, {"contact", "x"}},
                                                             boost::json::object{{"id", "b"}, {"contact", "x"}}}}}));
}

TEST_CASE("units_distinct refuses a unit named twice, as text or as an object's id", "[named_guards]") {
    CHECK(units_distinct({{"units", boost::json::array{"a", "b", "a"}}}) == "unit 'a' is listed more than once");
    CHECK(units_distinct({{"units", boost::json::array{"Công đoàn TKV", boost::json::object{{"id", "Công đoàn TKV"}}}}}) ==
          "unit 'Công đoàn TKV' is listed more than once");
}

TEST_CASE("units_distinct refuses what is not a list of units", "[named_guards]") {
    CHECK(units_distinct({}) == "payload.units must be a non-empty list of units");
    CHECK(units_distinct({{"units", boost::json::array{}}}) == "payload.units must be a non-empty list of units");
    CHECK(units_distinct({{"units", "a"}}) == "payload.units must be a non-empty list of units");
    CHECK(units_distinct({{"units", boost::json::array{1, 2}}}) == "each unit must be a text or an object with an `id` text");
    CHECK(units_distinct({{"units", boost::json::array{boost::json::object{{"name", "a"}}}}}) ==
          "each unit must be a text or an object with an `id` text");
}
