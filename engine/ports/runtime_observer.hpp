#pragma once
// What the runtime did, told as it happens: for metrics (adapters/metrics implements it). The
// engine knows no adapter, so it tells this port and nothing else. Calls come from any thread,
// several at once (the store's pool, the scheduler's rounds), and must not block.
#include <string_view>

#include "engine/model/decision.hpp"
#include "engine/model/time.hpp"

namespace seminarflow {

class RuntimeObserver {
public:
    virtual ~RuntimeObserver() = default;
    // An instance of `workflow` took `event` and the commit is done ("created" for a new
    // instance, a spawned child included).
    virtual void transition_committed(std::string_view workflow, std::string_view event) = 0;
    // An instance of `workflow` refused an event (from a request, a timer or a signal).
    virtual void event_refused(std::string_view workflow, RejectionKind kind) = 0;
    // A claimed timer was carried out (its event taken or refused) `lag` after it was due.
    virtual void timer_fired(Duration lag) = 0;
};

// Who a runtime tells when nobody listens: no one.
inline RuntimeObserver& no_runtime_observer() {
    class Nobody final : public RuntimeObserver {
    public:
        void transition_committed(std::string_view, std::string_view) override {}
        void event_refused(std::string_view, RejectionKind) override {}
        void timer_fired(Duration) override {}
    };
    static Nobody nobody;
    return nobody;
}

}  // namespace seminarflow
