#include "adapters/cli/demo/story_driver.hpp"

namespace seminarflow {
namespace {

// Who the story's steps are recorded as, in each history entry.
Actor story_actor(Role role) { return Actor{"seminarflow demo", role}; }

std::string apply_error_text(std::string_view what, const ApplyError& error) {
    std::string text = std::string(what) + ": " + error.message;
    if (error.rejection) text += (error.message.empty() ? "" : ": ") + error.rejection->message;
    return text;
}

}  // namespace

StoryDriver::StoryDriver(const Catalogue& catalogue, Store& store, Time start)
    : clock_(start),
      ids_(clock_),
      runtime_(catalogue, store, clock_, ids_),
      // One lane: the story is told one step after the other, as it happened.
      work_(runtime_, store, clock_, WorkOptions{.owner = "seminarflow-demo", .parallelism = 1}) {}

Result<Done, std::string> StoryDriver::advance_to(Time at) {
    if (at > clock_.now()) clock_.set(at);
    return settle();
}

Result<Done, std::string> StoryDriver::settle() {
    for (;;) {
        auto round = work_.run_once();
        if (!round) return fail("the engine's work: " + round.error().message);
        if (!round->failures.empty()) return fail("the engine's work: " + round->failures.front());
        if (round->drained && round->handled() == 0) return Done{};
    }
}

Result<std::string, std::string> StoryDriver::create(std::string_view workflow, boost::json::object data,
                                                     std::optional<std::string> parent, Role role) {
    auto created = runtime_.create(workflow, std::move(data), std::move(parent), story_actor(role));
    if (!created) return fail(apply_error_text("creating a " + std::string(workflow), created.error()));
    auto settled = settle();
    if (!settled) return fail(std::move(settled).error());
    return created->instance.id;
}

Result<StepDone, std::string> StoryDriver::send(const std::string& id, std::string_view type,
                                                boost::json::object payload, Role role) {
    auto applied = runtime_.apply(id, Event{std::string(type), std::move(payload), story_actor(role)});
    if (!applied) return fail(apply_error_text(std::string(type), applied.error()));
    StepDone done{applied->instance.state, {}};
    // Only the instance's own children: a spawned child's own children come after it.
    for (const Instance& child : applied->spawned) {
        if (child.parent == id) done.spawned.push_back(child.id);
    }
    auto settled = settle();
    if (!settled) return fail(std::move(settled).error());
    return done;
}

}  // namespace seminarflow
