#pragma once
// The committee's board (GET /v1/board): its events a page at a time, each with what the store
// counts for the engine to judge what is late (engine/board/lateness.hpp).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "engine/model/instance.hpp"
#include "engine/ports/instance_listing.hpp"

namespace seminarflow {

// Which events: those of `workflows` (at least one), after `after` in (created_at, id) order.
struct BoardQuery {
    std::vector<std::string> workflows;
    std::optional<InstancePosition> after = std::nullopt;
    std::size_t limit = 50;
};

// One event and its children's counts. Children only: a programme's seminars have rows of their own.
struct BoardRow {
    Instance instance;  // as stored, like a listing's
    std::int64_t unsubmitted_contributions = 0;  // its tham luận still invited, or lapsed unsent
    std::int64_t overdue_directives = 0;
    // Notifications about it or its children whose delivery failed: retrying, failed or dead.
    std::int64_t failing_deliveries = 0;
};

struct BoardPage {
    std::vector<BoardRow> items;
    std::optional<InstancePosition> next;  // nothing when this page is the last
};

}  // namespace seminarflow
