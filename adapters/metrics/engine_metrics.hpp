#pragma once
// The runtime's metrics: transitions by workflow and event, refusals by workflow and kind, and how
// late timers fire. Implements the engine's RuntimeObserver port on a Registry.
#include "adapters/metrics/metrics.hpp"
#include "engine/ports/runtime_observer.hpp"

namespace seminarflow::metrics {

class EngineMetrics final : public RuntimeObserver {
public:
    // Registers seminarflow_transitions_total, seminarflow_refusals_total and
    // seminarflow_timer_lag_seconds in `registry`, which must outlive this.
    explicit EngineMetrics(Registry& registry);

    void transition_committed(std::string_view workflow, std::string_view event) override;
    void event_refused(std::string_view workflow, RejectionKind kind) override;
    void timer_fired(Duration lag) override;

private:
    CounterFamily& transitions_;
    CounterFamily& refusals_;
    Histogram& timer_lag_;
};

}  // namespace seminarflow::metrics
