#pragma once
// Changing or removing one entry of the directory (PATCH and DELETE /v1/units/{ref},
// /v1/people/{ref}): the patch applied to what is stored, and the rules the result must keep,
// decided before anything is written. Pure: the store answers the lookups from inside its
// transaction, so that what is decided holds for what it then writes.
#include <optional>
#include <string>
#include <vector>

#include "engine/directory/directory_batch.hpp"
#include "engine/ports/directory.hpp"

namespace seminarflow {

// The stored entry with `patch` applied (JSON merge patch, RFC 7396, down into the contact);
// its times as they were.
Unit patched(Unit unit, const UnitPatch& patch);
Person patched(Person person, const PersonPatch& patch);

// What is wrong with what a patch sets, checked as creation checks an entry's own members
// (unit_problem, person_problem): the checks that need no directory, so that the caller refuses
// a bad patch before the store is asked.
std::optional<EntryProblem> patch_problem(const UnitPatch& patch);
std::optional<EntryProblem> patch_problem(const PersonPatch& patch);

// Whether `changed` (a stored unit, patched) may replace the stored one, given its stored
// `children`: its parent stored, neither itself nor one of its descendants (a cycle), and not
// above it in kind; none of its children above its new kind.
std::optional<DirectoryRefusal> unit_change_refusal(const Unit& changed, const StoredUnit& stored,
                                                    const std::vector<Unit>& children);
// Whether `changed` (a stored person, patched) may replace the stored one: its unit stored.
std::optional<DirectoryRefusal> person_change_refusal(const Person& changed, const StoredUnit& stored);

// A unit is removed only once nothing hangs on it: the refusal (in_use) naming the refs of the
// `children` and `people` it still has, if any. A unit's removal must not orphan its children
// nor silently turn its members into guests from outside; the committee moves or removes them
// first, on purpose.
std::optional<DirectoryRefusal> unit_removal_refusal(const std::string& ref, const std::vector<std::string>& children,
                                                     const std::vector<std::string>& people);

}  // namespace seminarflow
