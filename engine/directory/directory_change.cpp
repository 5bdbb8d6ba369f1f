#include "engine/directory/directory_change.hpp"

#include <unordered_set>

#include "engine/directory/hierarchy_rules.hpp"

namespace seminarflow {
namespace {

// How many of a unit's children and people an in_use refusal names: enough to find them, not a page.
constexpr std::size_t named_refs = 5;

// RFC 7396's MergePatch(target, patch).
boost::json::value merge_patch(boost::json::value target, const boost::json::value& patch) {
    if (!patch.is_object()) return patch;
    if (!target.is_object()) target = boost::json::object{};
    boost::json::object& object = target.get_object();
    for (const auto& [name, value] : patch.get_object()) {
        if (value.is_null()) {
            object.erase(name);
        } else {
            const auto* kept = object.if_contains(name);
            object[name] = merge_patch(kept ? *kept : boost::json::value(nullptr), value);
        }
    }
    return target;
}

// null clears the contact: no channel at all is what a new entry has without one.
Contact patched_contact(const Contact& contact, const boost::json::value& patch) {
    boost::json::value merged = merge_patch(contact, patch);
    return merged.is_object() ? std::move(merged.get_object()) : Contact{};
}

// An entry with nothing wrong in it, for patch_problem: a problem of it patched is the patch's.
template <class Entry>
Entry sound_entry() {
    Entry entry;
    entry.ref = entry.name = "-";
    return entry;
}

std::string listed(const std::vector<std::string>& refs) {
    std::string text;
    for (std::size_t i = 0; i < refs.size() && i < named_refs; ++i) text += (i == 0 ? "" : ", ") + refs[i];
    if (refs.size() > named_refs) text += " ...";
    return text;
}

// "2 child units (a, b)"
std::string counted(const std::vector<std::string>& refs, std::string_view one, std::string_view many) {
    return std::to_string(refs.size()) + " " + std::string(refs.size() == 1 ? one : many) + " (" + listed(refs) + ")";
}

DirectoryRefusal cycle(std::string detail) {
    return DirectoryRefusal{DirectoryRefusalKind::cycle, 0, "parent", std::move(detail)};
}

}  // namespace

Unit patched(Unit unit, const UnitPatch& patch) {
    if (patch.kind) unit.kind = *patch.kind;
    if (patch.name) unit.name = *patch.name;
    if (patch.parent) unit.parent = *patch.parent;
    if (patch.contact) unit.contact = patched_contact(unit.contact, *patch.contact);
    if (patch.language) unit.language = *patch.language;
    return unit;
}

Person patched(Person person, const PersonPatch& patch) {
    if (patch.name) person.name = *patch.name;
    if (patch.unit) person.unit = *patch.unit;
    if (patch.title) person.title = *patch.title;
    if (patch.contact) person.contact = patched_contact(person.contact, *patch.contact);
    if (patch.language) person.language = *patch.language;
    return person;
}

std::optional<EntryProblem> patch_problem(const UnitPatch& patch) {
    return unit_problem(patched(sound_entry<Unit>(), patch));
}

std::optional<EntryProblem> patch_problem(const PersonPatch& patch) {
    return person_problem(patched(sound_entry<Person>(), patch));
}

std::optional<DirectoryRefusal> unit_change_refusal(const Unit& changed, const StoredUnit& stored,
                                                    const std::vector<Unit>& children) {
    if (changed.parent) {
        const std::string& parent_ref = *changed.parent;
        if (parent_ref == changed.ref) return cycle("unit '" + changed.ref + "' cannot be its own parent");
        const std::optional<Unit> parent = stored(parent_ref);
        if (!parent) {
            return DirectoryRefusal{DirectoryRefusalKind::unknown_parent, 0, "parent",
                                    "unit '" + changed.ref + "' cannot move under '" + parent_ref +
                                        "', which is not in the directory"};
        }
        if (auto refusal = kind_order_refusal(changed, parent_ref, parent->kind)) return refusal;
        // Up from the new parent: meeting the unit itself means the parent is one of its own
        // descendants. The seen set only ends a walk round a circle the store was given by hand.
        std::unordered_set<std::string> seen;
        for (std::optional<Unit> up = parent; up && seen.insert(up->ref).second;
             up = up->parent ? stored(*up->parent) : std::nullopt) {
            if (up->ref == changed.ref) {
                return cycle("unit '" + changed.ref + "' cannot move under '" + parent_ref +
                             "', which is one of its own descendants: a unit cannot be its own ancestor");
            }
        }
    }
    for (const Unit& child : children) {
        if (auto refusal = kind_order_refusal(child, changed.ref, changed.kind)) return refusal;
    }
    return std::nullopt;
}

std::optional<DirectoryRefusal> person_change_refusal(const Person& changed, const StoredUnit& stored) {
    if (!changed.unit || stored(*changed.unit)) return std::nullopt;
    return DirectoryRefusal{DirectoryRefusalKind::unknown_unit, 0, "unit",
                            "person '" + changed.ref + "' cannot move to unit '" + *changed.unit +
                                "', which is not in the directory"};
}

std::optional<DirectoryRefusal> unit_removal_refusal(const std::string& ref, const std::vector<std::string>& children,
                                                     const std::vector<std::string>& people) {
    if (children.empty() && people.empty()) return std::nullopt;
    std::string holders;
    if (!children.empty()) holders = counted(children, "child unit", "child units");
    if (!people.empty()) holders += (holders.empty() ? "" : " and ") + counted(people, "person", "people");
    return DirectoryRefusal{DirectoryRefusalKind::in_use, 0, "",
                            "unit '" + ref + "' still has " + holders + ": move or remove them first"};
}

}  // namespace seminarflow
