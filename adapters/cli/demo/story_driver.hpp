#pragma once
// Drives a story through the runtime as the API would: each step is an event (or a creation)
// decided by the interpreter and committed by the store, so history, timers, signals and the
// outbox are the engine's own. The story keeps its own clock, set to the day each step happened;
// after every step the engine's work that is due by then (timers, children's signals) is done.
#include <boost/json/object.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/definition/catalogue.hpp"
#include "engine/model/result.hpp"
#include "engine/ports/clock.hpp"
#include "engine/ports/store.hpp"
#include "engine/runtime/runtime.hpp"
#include "engine/runtime/uuid_source.hpp"
#include "engine/runtime/work_runner.hpp"

namespace seminarflow {

// "Now" is the story's day, not the machine's.
class StoryClock final : public Clock {
public:
    explicit StoryClock(Time start) : now_(start) {}
    Time now() const override { return now_; }
    void set(Time time) { now_ = time; }

private:
    Time now_;
};

// What a step did: the instance's state after it, and the children it spawned, in order.
struct StepDone {
    std::string state;
    std::vector<std::string> spawned;
};

class StoryDriver {
public:
    StoryDriver(const Catalogue& catalogue, Store& store, Time start);

    // Moves the story's clock to `at` (never back) and does the engine's work due by then.
    Result<Done, std::string> advance_to(Time at);
    // A new instance of `workflow`, created by `role`; its id.
    Result<std::string, std::string> create(std::string_view workflow, boost::json::object data,
                                            std::optional<std::string> parent, Role role);
    // Event `type` sent to `id` by `role`, then the work it left (signals to the parent) done.
    Result<StepDone, std::string> send(const std::string& id, std::string_view type, boost::json::object payload,
                                       Role role);
    Time now() const { return clock_.now(); }

private:
    Result<Done, std::string> settle();

    StoryClock clock_;
    UuidV7Source ids_;
    Runtime runtime_;
    WorkRunner work_;
};

}  // namespace seminarflow
