#pragma once
// The organisation's directory as the store keeps it (GET|POST|PATCH|DELETE /v1/units, /v1/people,
// and `seminarflow directory import`): batches of units or people saved all or nothing, one entry
// changed or removed, keyset pages of them in ref order, a unit's descendants, and inviting units
// as an instance's participants.
#include <boost/json/value.hpp>
#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "engine/model/directory.hpp"
#include "engine/ports/commit.hpp"

namespace seminarflow {

// Why a batch was refused, and which of its entries: nothing of the batch is written.
enum class DirectoryRefusalKind {
    unknown_parent,  // a unit's parent is neither stored nor in the batch
    cycle,           // a unit would be its own ancestor
    kind_order,      // a unit would sit above its parent (unit_kind_level)
    conflict,        // a ref stored (or earlier in the batch) with other content
    unknown_unit,    // a person's unit is not stored
    in_use,          // a unit to remove still has child units or people
};

struct DirectoryRefusal {
    DirectoryRefusalKind kind = DirectoryRefusalKind::conflict;
    std::size_t index = 0;  // of the entry in the batch
    std::string field;      // the member at fault: "parent", "ref", "kind", "unit"; "" for in_use
    std::string detail;
};

// What a batch came to. An entry stored already with the same content is left as it is, so that
// sending (or importing) the same thing twice is harmless.
struct DirectorySaved {
    std::optional<DirectoryRefusal> refusal = std::nullopt;
    std::size_t created = 0;
    std::size_t unchanged = 0;
};

// A change to one stored unit as a JSON merge patch (RFC 7396) says it: what is set replaces what
// is stored, the rest stays. The ref is not among them: participants, tokens and CSV files name
// the unit by it, for good.
struct UnitPatch {
    std::optional<UnitKind> kind = std::nullopt;
    std::optional<std::string> name = std::nullopt;
    std::optional<std::optional<std::string>> parent = std::nullopt;  // set to nothing: to the top
    // A merge patch of the contact itself: an object whose null members remove a channel and
    // whose others set one; null clears the whole contact.
    std::optional<boost::json::value> contact = std::nullopt;
    std::optional<std::string> language = std::nullopt;
};

struct PersonPatch {
    std::optional<std::string> name = std::nullopt;
    std::optional<std::optional<std::string>> unit = std::nullopt;  // set to nothing: a guest from outside
    std::optional<std::string> title = std::nullopt;
    std::optional<boost::json::value> contact = std::nullopt;  // as UnitPatch::contact
    std::optional<std::string> language = std::nullopt;
};

enum class EntryOutcome { done, no_entry, refused };

// What changing one entry came to: the entry as it is after (as it was stored, updated_at and
// all, when the patch changed nothing), or why nothing was written.
template <class Entry>
struct EntryChange {
    EntryOutcome outcome = EntryOutcome::done;
    std::optional<Entry> entry = std::nullopt;               // when done
    std::optional<DirectoryRefusal> refusal = std::nullopt;  // when refused
};

// What removing one entry came to.
struct EntryRemoval {
    EntryOutcome outcome = EntryOutcome::done;
    std::optional<DirectoryRefusal> refusal = std::nullopt;  // when refused
};

struct UnitFilter {
    std::optional<UnitKind> kind = std::nullopt;
    std::optional<std::string> parent = std::nullopt;  // its children only
};

// The units under `root` (not `root` itself), `depth` levels down (1: its children; nothing:
// all of them), of `kind` if given.
struct DescendantQuery {
    std::string root;
    std::optional<UnitKind> kind = std::nullopt;
    std::optional<int> depth = std::nullopt;
};

// Pages in ref order: `next` is the last ref a page held, nothing on the last page.
struct UnitPage {
    std::vector<Unit> items;
    std::optional<std::string> next;
};

struct PersonFilter {
    std::optional<std::string> unit = std::nullopt;
};

struct PersonPage {
    std::vector<Person> items;
    std::optional<std::string> next;
};

// Every unit `units` selects becomes a participant of `instance_id` in `role`, named, reachable
// and spoken to as the directory has it (its name, contact and language); an rsvp already given
// stays. One transaction, the participants' own upsert (participants.hpp).
struct UnitInvitation {
    std::string instance_id;
    DescendantQuery units;
    std::string role;
    Time at{};
};

enum class InviteOutcome { done, no_instance, no_unit, idempotency_conflict };

struct InviteResult {
    InviteOutcome outcome = InviteOutcome::done;
    std::size_t matched = 0;  // units selected
    std::size_t added = 0;    // participants made
    std::size_t already = 0;  // participants there before (their name and contact refreshed)
};

// The answer an Idempotency-Key keeps, made by the caller and written in the invitation's own
// transaction (as ParticipantAnswer); nothing: no key.
using InviteAnswer = std::function<std::optional<IdempotencyRecord>(const InviteResult&)>;

}  // namespace seminarflow
