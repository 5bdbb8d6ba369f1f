#include "engine/board/lateness.hpp"

namespace seminarflow {
namespace {

bool collects_contributions(std::string_view state) { return state == "inviting" || state == "collecting"; }

// The event's `contributions_due`, if it has a readable one.
std::optional<Time> contributions_due(const Instance& instance) {
    const auto* due = instance.data.if_contains("contributions_due");
    if (!due || !due->is_string()) return std::nullopt;
    return parse_rfc3339(due->as_string());
}

}  // namespace

std::string_view late_kind_name(LateKind kind) {
    switch (kind) {
        case LateKind::contributions_missing: return "contributions_missing";
        case LateKind::directives_overdue: return "directives_overdue";
        case LateKind::deliveries_failing: return "deliveries_failing";
    }
    return "unknown";
}

std::vector<Late> lateness(const BoardRow& row, Time now) {
    std::vector<Late> late;
    if (row.unsubmitted_contributions > 0 && collects_contributions(row.instance.state)) {
        if (const auto due = contributions_due(row.instance); due && now >= *due - contributions_warning) {
            late.push_back(Late{LateKind::contributions_missing, row.unsubmitted_contributions, due});
        }
    }
    if (row.overdue_directives > 0) late.push_back(Late{LateKind::directives_overdue, row.overdue_directives});
    if (row.failing_deliveries > 0) late.push_back(Late{LateKind::deliveries_failing, row.failing_deliveries});
    return late;
}

}  // namespace seminarflow
