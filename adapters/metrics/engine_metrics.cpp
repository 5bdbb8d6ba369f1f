#include "adapters/metrics/engine_metrics.hpp"

#include <algorithm>

namespace seminarflow::metrics {
namespace {

// From on time to half an hour late: a node that polls every second fires within the first few;
// the long tail is a node that was down, or a backlog.
const std::vector<double> lag_bounds{0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 1800};

}  // namespace

EngineMetrics::EngineMetrics(Registry& registry)
    : transitions_(registry.counter("seminarflow_transitions_total",
                                    "Transitions committed, by workflow and event (\"created\" for a new instance)",
                                    {"workflow", "event"})),
      refusals_(registry.counter("seminarflow_refusals_total",
                                 "Events an instance refused, by workflow and the kind of refusal",
                                 {"workflow", "kind"})),
      timer_lag_(registry
                     .histogram("seminarflow_timer_lag_seconds",
                                "How long after its due time a timer was carried out (its commit done)", {}, lag_bounds)
                     .with({})) {}

// Both labels come from loaded definitions (an event is committed only if the workflow names it),
// so the number of series stays bounded whatever clients send.
void EngineMetrics::transition_committed(std::string_view workflow, std::string_view event) {
    transitions_.with({workflow, event}).add();
}

void EngineMetrics::event_refused(std::string_view workflow, RejectionKind kind) {
    refusals_.with({workflow, rejection_kind_name(kind)}).add();
}

void EngineMetrics::timer_fired(Duration lag) {
    const double seconds = std::chrono::duration<double>(lag).count();
    timer_lag_.observe(std::max(seconds, 0.0));  // a clock stepped back is not early firing
}

}  // namespace seminarflow::metrics
