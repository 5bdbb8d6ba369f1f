#include "engine/interpreter/named_guards.hpp"

#include <boost/json/serialize.hpp>
#include <set>

#include "engine/model/event.hpp"
#include "engine/model/instance.hpp"

namespace seminarflow {
namespace {

// payload.units: the member units invited, asked or rewarded at once. Inviting a unit twice
// would send it two requests for one contribution, so the list must name each unit once.
// A unit is a text (its code) or an object with an `id`.
std::optional<std::string> units_distinct(const Instance&, const Event& event) {
    const auto* units = event.payload.if_contains("units");
    if (!units || !units->is_array() || units->get_array().empty()) {
        return "payload.units must be a non-empty list of units";
    }
    std::set<std::string> seen;
    for (const auto& unit : units->get_array()) {
        const boost::json::value* id = &unit;
        if (unit.is_object()) id = unit.get_object().if_contains("id");
        if (!id || !id->is_string()) return "each unit must be a text or an object with an `id` text";
        if (!seen.insert(std::string(id->get_string())).second) {
            return "unit '" + std::string(id->get_string()) + "' is listed more than once";
        }
    }
    return std::nullopt;
}

}  // namespace

NamedGuards standard_named_guards() {
    NamedGuards guards;
    guards.emplace("units_distinct", units_distinct);
    return guards;
}

}  // namespace seminarflow
