#pragma once
// A small directory shaped on the seeds, for the store and HTTP suites: a provincial federation,
// its civil servants' union (a sector union) and a city federation (a district union), grassroots
// unions under both, and a union group.
#include <string>
#include <vector>

#include "engine/model/directory.hpp"

namespace seminarflow::test {

Unit unit_of(std::string ref, UnitKind kind, std::string name, std::optional<std::string> parent,
             Time at = Time{});

// ldld-tinh (federation) > cdvc-tinh (sector) > cdcs-so-tu-phap, cdcs-cuc-thue (grassroots)
//                        > ldld-ha-long (district) > cdcs-thpt-ha-long (grassroots) > to-cd-1 (group)
// Children first, as an export might list them.
std::vector<Unit> seeded_units(Time at = Time{});

}  // namespace seminarflow::test
