#pragma once
// What saving a batch of directory entries comes to, decided before anything is written: which
// entries are new, which are stored already as they are, and the first entry that cannot be
// saved (and why). Pure: the store answers the lookups from inside its transaction, so that the
// plan holds for what it then writes.
//
// A batch may name its parents in any order (a CSV file lists a district after its grassroots
// unions): `insert_order` puts parents first.
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "engine/ports/directory.hpp"

namespace seminarflow {

struct BatchPlan {
    std::optional<DirectoryRefusal> refusal;  // when set, nothing may be written
    std::vector<std::size_t> insert_order;     // the entries to insert, by index, parents first
    std::size_t unchanged = 0;                 // stored already with the same content (or repeated)
};

using StoredUnit = std::function<std::optional<Unit>(const std::string& ref)>;
using StoredPerson = std::function<std::optional<Person>(const std::string& ref)>;

BatchPlan plan_units(const std::vector<Unit>& batch, const StoredUnit& stored);
// A person's unit must be stored (import the units first).
BatchPlan plan_people(const std::vector<Person>& batch, const StoredPerson& stored, const StoredUnit& stored_unit);

}  // namespace seminarflow
