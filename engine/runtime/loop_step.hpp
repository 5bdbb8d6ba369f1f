#pragma once
// The scheduler and the dispatcher run as detached coroutines: an exception escaping one of their
// steps would end the loop without a word, and timers and deliveries would wait, unnoticed, until
// the node restarted. Each step that reaches beyond the loop (the store, the clock, the retry
// jitter) runs through loop_step instead: what it throws comes back as the step's StoreError,
// reported like any round that could not reach the store, and the next round tries again. What
// was claimed meanwhile is leased, and is taken again once the lease runs out.
#include <exception>
#include <string>
#include <string_view>

#include "engine/model/result.hpp"
#include "engine/ports/store.hpp"

namespace seminarflow {

// `step` answers a Result<T, StoreError>; `what` names it in the error ("claiming deliveries").
template <class Step>
auto loop_step(std::string_view what, Step&& step) -> decltype(step()) {
    try {
        return step();
    } catch (const std::exception& error) {
        return fail(StoreError{std::string(what) + " failed unexpectedly: " + error.what()});
    }
}

}  // namespace seminarflow
