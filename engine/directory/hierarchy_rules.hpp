#pragma once
// The rule of the hierarchy that a batch (directory_batch.hpp) and a change to one unit
// (directory_change.hpp) both keep, in one wording. Pure.
#include <optional>
#include <string_view>

#include "engine/ports/directory.hpp"

namespace seminarflow {

// A unit never sits above its parent (unit_kind_level): the refusal, naming "kind", if `unit`
// cannot sit under `parent`, a unit of `parent_kind`; `index` is the unit's in its batch.
std::optional<DirectoryRefusal> kind_order_refusal(const Unit& unit, std::string_view parent, UnitKind parent_kind,
                                                   std::size_t index = 0);

}  // namespace seminarflow
