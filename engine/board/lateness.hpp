#pragma once
// What the board shows in red about an event: the committee's three ways of letting things slip
// (tham luận missing as their deadline nears, directives overdue, notifications not getting
// through), judged from the store's counts (engine/ports/board.hpp) at `now`.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "engine/model/time.hpp"
#include "engine/ports/board.hpp"

namespace seminarflow {

enum class LateKind { contributions_missing, directives_overdue, deliveries_failing };

std::string_view late_kind_name(LateKind kind);

struct Late {
    LateKind kind;
    std::int64_t count = 0;
    std::optional<Time> due = std::nullopt;  // contributions_missing: when they are due
};

// How long before the contributions are due the board starts to warn about those not in.
inline constexpr std::chrono::hours contributions_warning{72};

// What is late about `row` at `now`, in LateKind order; nothing when all is well. Missing tham
// luận count while the event collects them (inviting, collecting) from `contributions_warning`
// before its `contributions_due`; overdue directives and failing deliveries always do.
std::vector<Late> lateness(const BoardRow& row, Time now);

}  // namespace seminarflow
