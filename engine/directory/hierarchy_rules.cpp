#include "engine/directory/hierarchy_rules.hpp"

namespace seminarflow {

std::optional<DirectoryRefusal> kind_order_refusal(const Unit& unit, std::string_view parent, UnitKind parent_kind,
                                                   std::size_t index) {
    if (unit_kind_level(unit.kind) >= unit_kind_level(parent_kind)) return std::nullopt;
    return DirectoryRefusal{DirectoryRefusalKind::kind_order, index, "kind",
                            "unit '" + unit.ref + "' is a " + std::string(unit_kind_name(unit.kind)) +
                                " union, which cannot sit under '" + std::string(parent) + "', a " +
                                std::string(unit_kind_name(parent_kind)) + " one"};
}

}  // namespace seminarflow
