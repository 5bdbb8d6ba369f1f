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
    on:
      review: {roles: [reviewer]}
  archived:
    type: final
)";

const Definition& meeting() {
    static const Catalogue catalogue = load_ok({workflow_file("meeting", meeting_yaml)});
    return *catalogue.find("meeting");
}

std::vector<std::string> sendable(std::string_view state, Role role) {
    std::vector<std::string> events;
    for (const Transition* transition : sendable_transitions(*meeting().find_state(state), role)) {
        events.push_back(transition->event);
    }
    return events;
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

TEST_CASE("a final state offers nothing, not even to an admin") {
    CHECK(sendable("archived", Role::admin).empty());
}

TEST_CASE("role_may_send is the rule decide() refuses by") {
    const Transition& plan = *meeting().find_state("draft")->find_transition("plan");
    CHECK(role_may_send(plan, Role::organiser));
    CHECK_FALSE(role_may_send(plan, Role::member));
    CHECK(role_may_send(plan, Role::admin));
}
