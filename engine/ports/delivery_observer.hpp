#pragma once
// What the dispatcher's tries came to, told as they are recorded: for metrics (adapters/metrics
// implements it), as RuntimeObserver is for transitions. Calls come from the store's threads,
// several at once, and must not block.
#include <string_view>

#include "engine/model/delivery.hpp"

namespace seminarflow {

class DeliveryObserver {
public:
    virtual ~DeliveryObserver() = default;
    // A try was recorded, leaving its delivery in `status` (pending: it will be tried again).
    virtual void attempt_recorded(const DeliveryAttempt& attempt, DeliveryStatus status) = 0;
    // That try disabled its endpoint.
    virtual void endpoint_disabled(DisableCause cause) = 0;
};

// Who the dispatcher tells when nobody listens: no one.
inline DeliveryObserver& no_delivery_observer() {
    class Nobody final : public DeliveryObserver {
    public:
        void attempt_recorded(const DeliveryAttempt&, DeliveryStatus) override {}
        void endpoint_disabled(DisableCause) override {}
    };
    static Nobody nobody;
    return nobody;
}

}  // namespace seminarflow
