#include "engine/ports/instance_summary.hpp"

#include <algorithm>

namespace seminarflow {

bool summarised_workflow(std::string_view workflow) {
    return workflow == "seminar" || workflow == "contest" || workflow == "programme";
}

std::int64_t count_in(const StateCounts& counts, std::initializer_list<std::string_view> states) {
    std::int64_t total = 0;
    for (const auto& [state, count] : counts) {
        const bool wanted = states.size() == 0 || std::find(states.begin(), states.end(), state) != states.end();
        if (wanted) total += count;
    }
    return total;
}

const StateCounts& summary_counts(const InstanceSummary& summary, std::string_view workflow) {
    static const StateCounts none;
    // A programme's contributions, proposals and directives belong to its seminars.
    const auto& level = summary.workflow == "programme" ? summary.grandchildren : summary.children;
    const auto found = level.find(workflow);
    return found == level.end() ? none : found->second;
}

}  // namespace seminarflow
