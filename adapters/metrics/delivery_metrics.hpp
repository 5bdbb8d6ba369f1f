#pragma once
// The dispatcher's metrics: deliveries settled by status, tries by outcome and answer class, how
// long tries took, endpoints disabled without an operator and why. Implements the engine's
// DeliveryObserver port on a Registry, as EngineMetrics does the RuntimeObserver.
#include "adapters/metrics/metrics.hpp"
#include "engine/ports/delivery_observer.hpp"

namespace seminarflow::metrics {

class DeliveryMetrics final : public DeliveryObserver {
public:
    // Registers seminarflow_deliveries_settled_total, seminarflow_delivery_attempts_total,
    // seminarflow_delivery_attempt_seconds and seminarflow_endpoints_disabled_total in
    // `registry`, which must outlive this.
    explicit DeliveryMetrics(Registry& registry);

    void attempt_recorded(const DeliveryAttempt& attempt, DeliveryStatus status) override;
    void endpoint_disabled(DisableCause cause) override;

private:
    CounterFamily& settled_;
    CounterFamily& attempts_;
    Histogram& latency_;
    CounterFamily& disabled_;
};

}  // namespace seminarflow::metrics
