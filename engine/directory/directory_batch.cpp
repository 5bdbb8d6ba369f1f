#include "engine/directory/directory_batch.hpp"

#include <algorithm>
#include <unordered_map>

#include "engine/directory/hierarchy_rules.hpp"

namespace seminarflow {
namespace {

DirectoryRefusal refusal(DirectoryRefusalKind kind, std::size_t index, std::string field, std::string detail) {
    return DirectoryRefusal{kind, index, std::move(field), std::move(detail)};
}

// Sorts out repeats and what is stored: fills `fresh` with the entries to insert (first
// occurrences of refs not stored) and counts the rest, or returns the first conflict.
template <class Entry, class Stored>
std::optional<DirectoryRefusal> sort_out(const std::vector<Entry>& batch, const Stored& stored, std::string_view noun,
                                         std::unordered_map<std::string, std::size_t>& fresh, BatchPlan& plan) {
    std::unordered_map<std::string, std::size_t> first;
    for (std::size_t i = 0; i < batch.size(); ++i) {
        const Entry& entry = batch[i];
        if (const auto seen = first.find(entry.ref); seen != first.end()) {
            if (!same_content(batch[seen->second], entry)) {
                return refusal(DirectoryRefusalKind::conflict, i, "ref",
                               std::string(noun) + " '" + entry.ref + "' is given twice, differently");
            }
            ++plan.unchanged;
            continue;
        }
        first.emplace(entry.ref, i);
        const std::optional<Entry> kept = stored(entry.ref);
        if (!kept) {
            fresh.emplace(entry.ref, i);
        } else if (same_content(*kept, entry)) {
            ++plan.unchanged;
        } else {
            return refusal(DirectoryRefusalKind::conflict, i, "ref",
                           std::string(noun) + " '" + entry.ref + "' is in the directory already, as '" + kept->name +
                               "' with other details: a ref names one " + std::string(noun) + " for good");
        }
    }
    return std::nullopt;
}

// How many of `unit`'s ancestors are new in the batch; nothing if the chain comes back to it.
std::optional<std::size_t> new_ancestors(const std::vector<Unit>& batch, std::size_t index,
                                         const std::unordered_map<std::string, std::size_t>& fresh) {
    std::size_t count = 0;
    std::optional<std::string> parent = batch[index].parent;
    while (parent) {
        const auto found = fresh.find(*parent);
        if (found == fresh.end()) return count;
        if (found->second == index || count > batch.size()) return std::nullopt;
        ++count;
        parent = batch[found->second].parent;
    }
    return count;
}

// The parent's kind, from the batch or the store; nothing if it is in neither.
std::optional<UnitKind> parent_kind(const std::vector<Unit>& batch, const std::string& parent,
                                    const std::unordered_map<std::string, std::size_t>& fresh,
                                    const StoredUnit& stored) {
    if (const auto found = fresh.find(parent); found != fresh.end()) return batch[found->second].kind;
    if (const auto kept = stored(parent)) return kept->kind;
    return std::nullopt;
}

std::optional<DirectoryRefusal> check_parent(const std::vector<Unit>& batch, std::size_t i,
                                             const std::unordered_map<std::string, std::size_t>& fresh,
                                             const StoredUnit& stored) {
    const Unit& unit = batch[i];
    if (!unit.parent) return std::nullopt;
    if (*unit.parent == unit.ref) {
        return refusal(DirectoryRefusalKind::cycle, i, "parent", "unit '" + unit.ref + "' cannot be its own parent");
    }
    const auto kind = parent_kind(batch, *unit.parent, fresh, stored);
    if (!kind) {
        return refusal(DirectoryRefusalKind::unknown_parent, i, "parent",
                       "unit '" + unit.ref + "' names parent '" + *unit.parent +
                           "', which is neither in the directory nor given here");
    }
    return kind_order_refusal(unit, *unit.parent, *kind, i);
}

// The indexes in `fresh`, in batch order.
std::vector<std::size_t> in_batch_order(const std::unordered_map<std::string, std::size_t>& fresh) {
    std::vector<std::size_t> order;
    for (const auto& [ref, index] : fresh) order.push_back(index);
    std::sort(order.begin(), order.end());
    return order;
}

}  // namespace

BatchPlan plan_units(const std::vector<Unit>& batch, const StoredUnit& stored) {
    BatchPlan plan;
    std::unordered_map<std::string, std::size_t> fresh;
    if ((plan.refusal = sort_out(batch, stored, "unit", fresh, plan))) return plan;
    std::vector<std::pair<std::size_t, std::size_t>> by_depth;  // (new ancestors, index)
    for (const std::size_t i : in_batch_order(fresh)) {
        if ((plan.refusal = check_parent(batch, i, fresh, stored))) return plan;
        const auto depth = new_ancestors(batch, i, fresh);
        if (!depth) {
            plan.refusal = refusal(DirectoryRefusalKind::cycle, i, "parent",
                                   "the parents of unit '" + batch[i].ref + "' go round in a circle, from '" +
                                       *batch[i].parent + "': a unit cannot be its own ancestor");
            return plan;
        }
        by_depth.emplace_back(*depth, i);
    }
    std::stable_sort(by_depth.begin(), by_depth.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    for (const auto& [depth, index] : by_depth) plan.insert_order.push_back(index);
    return plan;
}

BatchPlan plan_people(const std::vector<Person>& batch, const StoredPerson& stored, const StoredUnit& stored_unit) {
    BatchPlan plan;
    std::unordered_map<std::string, std::size_t> fresh;
    if ((plan.refusal = sort_out(batch, stored, "person", fresh, plan))) return plan;
    for (const std::size_t i : in_batch_order(fresh)) {
        const Person& person = batch[i];
        if (person.unit && !stored_unit(*person.unit)) {
            plan.refusal = refusal(DirectoryRefusalKind::unknown_unit, i, "unit",
                                   "person '" + person.ref + "' belongs to unit '" + *person.unit +
                                       "', which is not in the directory (add or import the units first)");
            return plan;
        }
        plan.insert_order.push_back(i);
    }
    return plan;
}

}  // namespace seminarflow
