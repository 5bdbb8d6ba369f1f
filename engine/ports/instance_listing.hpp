#pragma once
// Listing instances (GET /v1/instances): which ones, from where, and the page that comes back.
// Pages are keyset pages on (created_at, id), oldest first: a position is the last instance a
// page held, so an instance created while a client pages through never shifts the pages it has
// not read yet, and no page costs more than its own rows.
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "engine/model/instance.hpp"
#include "engine/model/time.hpp"
#include "engine/ports/participants.hpp"

namespace seminarflow {

// Only instances that match every filter given.
struct InstanceFilter {
    std::optional<std::string> workflow = std::nullopt;
    std::optional<std::string> state = std::nullopt;
    std::optional<std::string> parent = std::nullopt;  // the parent's id: its children
    std::optional<ParticipantRef> participant = std::nullopt;  // those it takes part in
};

// A place in the listing order: the instances after it come after (created_at, id).
struct InstancePosition {
    Time created_at{};
    std::string id;

    bool operator==(const InstancePosition&) const = default;
};

struct InstancePage {
    // As stored; without what guards read (children counts, parent data), which a listing does
    // not show.
    std::vector<Instance> items;
    // Where the next page starts; nothing when this page is the last.
    std::optional<InstancePosition> next;
};

}  // namespace seminarflow
