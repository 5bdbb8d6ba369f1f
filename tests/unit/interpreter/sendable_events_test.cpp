// What a role may send in a state: the API offers exactly these (GET /v1/instances/{id}/actions),
// so they must be the events decide() would not refuse for the role.
#include <catch2/catch.hpp>

#include "engine/interpreter/sendable_events.hpp"
#include "support/catalogue_fixture.hpp"

using namespace seminarflow;
using namespace seminarflow::test;

namespace {

constexpr std::string_view meeting_yaml = R"(
name: meeting
version: 1
initial: draft
data:
  title: string
states:
  draft:
    on:
      plan: {target: planned, roles: [organiser]}
      rename:
        roles: [organiser, member]
        payload: {title: string}
        assign: [title]
      archive: {target: archived}
  planned:
    timers:
      nudge: {after: 1d, event: remind}
      overdue: {after: 7d, event: overdue}
    on:
      review: {roles: [reviewer]}
      remind: {roles: [organiser]}       # the timer's, and the organiser's too
      overdue: {}                        # the timer's alone
      note_done: {}                      # a task's signal
      archive: {target: archived}
  archived:
    type: final
)";

constexpr std::string_view task_yaml = R"(
name: task
version: 1
initial: open
parents: [meeting]
states:
  open:
    on:
      finish:
        target: done
        roles: [member]
        actions:
          - signal_parent: {event: note_done}
  done:
    type: final
)";

const Definition& meeting() {
    static const Catalogue catalogue =
        load_ok({workflow_file("meeting", meeting_yaml), workflow_file("task", task_yaml)});
    return *catalogue.find("meeting");
}

using Pick = std::vector<const Transition*> (*)(const State&, Role);

std::vector<std::string> events_of(Pick pick, std::string_view state, Role role) {
    std::vector<std::string> events;
    for (const Transition* transition : pick(*meeting().find_state(state), role)) events.push_back(transition->event);
    return events;
}

std::vector<std::string> sendable(std::string_view state, Role role) {
    return events_of(&sendable_transitions, state, role);
}

std::vector<std::string> offered(std::string_view state, Role role) {
    return events_of(&offered_transitions, state, role);
}

}  // namespace

TEST_CASE("a role may send the events whose roles name it, in the definition's order") {
    CHECK(sendable("draft", Role::organiser) == std::vector<std::string>{"plan", "rename"});
    CHECK(sendable("draft", Role::member) == std::vector<std::string>{"rename"});
    CHECK(sendable("draft", Role::reviewer).empty());
    CHECK(sendable("planned", Role::reviewer) == std::vector<std::string>{"review"});
}

TEST_CASE("an admin and the engine may send every event of the state, those no role names too") {
    const std::vector<std::string> all{"plan", "rename", "archive"};
    CHECK(sendable("draft", Role::admin) == all);
    CHECK(sendable("draft", Role::system) == all);
}

TEST_CASE("the engine's own events are sendable by an admin but offered to nobody") {
    CHECK(sendable("planned", Role::admin) == std::vector<std::string>{"review", "remind", "overdue", "note_done", "archive"});
    // `overdue` only a timer sends, `note_done` only a task's signal: they are the engine's.
    // `remind` a timer sends too, but the organiser may: it is offered. `archive` no role names
    // and nothing in the engine sends: an admin's own action, offered to the admin.
    CHECK(offered("planned", Role::admin) == std::vector<std::string>{"review", "remind", "archive"});
    CHECK(offered("planned", Role::organiser) == std::vector<std::string>{"remind"});
    const State& planned = *meeting().find_state("planned");
    CHECK(planned.find_transition("overdue")->sent_by_engine);
    CHECK(planned.find_transition("note_done")->sent_by_engine);
    CHECK(planned.find_transition("remind")->sent_by_engine);
    CHECK_FALSE(planned.find_transition("archive")->sent_by_engine);
}

TEST_CASE("a final state offers nothing, not even to an admin") {
    CHECK(sendable("archived", Role::admin).empty());
}

TEST_CASE("role_may_send is the rule decide() refuses by") {
    const Transition& plan = *meeting().find_state("draft")->find_transition("plan");
    CHECK(role_may_send(plan, Role::organiser));
    CHECK_FALSE(role_may_send(plan, Role::member));
    CHECK(role_may_send(plan, Role::admin));
}
