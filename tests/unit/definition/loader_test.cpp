// What the loader builds from a well-formed definition: the shape the interpreter relies on.
#include <catch2/catch.hpp>

#include <boost/json.hpp>

#include "support/catalogue_fixture.hpp"

using namespace seminarflow;
using namespace seminarflow::test;
using namespace std::chrono_literals;

namespace {

constexpr std::string_view meeting_yaml = R"(
# A meeting with one of everything the language has.
name: meeting
version: 3
title: Tọa đàm chuyên đề
initial: draft
participants: [chair, organiser]
data:
  title: string
  starts_at: time?
  kind: {type: string, optional: true, one_of: [hoi_thao, toa_dam]}
  budget_vnd: {type: vnd, default: 0}
  units: array?
states:
  draft:
    entry:
      - notify: demo.created
    timers:
      stale: {after: 30d, event: abandon}
    on:
      plan:
        target: planned
        roles: [organiser, member]
        payload:
          starts_at: time
          kind: {type: string, one_of: [hoi_thao, toa_dam]}
          note: string?
        assign: [starts_at, kind]
        guard:
          - check: payload.starts_at > now
          - named: units_distinct
        actions:
          - notify: {template: demo.planned, to: [chair]}
          - set: {budget_vnd: 1000}
      abandon:
        target: closed
  planned:
    timers:
      remind: {at: data.starts_at - 1d, event: remind}
    on:
      remind:
      invite:
        roles: [organiser]
        payload: {units: array}
        assign: all
        guard:
          - children: {workflow: part, not_in: [done], max: 0}
        actions:
          - spawn: {workflow: part, for_each: payload.units, data: {unit: item}}
      close: {target: closed}
  closed:
    type: final
)";

constexpr std::string_view part_yaml = R"(
name: part
version: 1
initial: open
parents: [meeting]
data:
  unit: string
states:
  open:
    on:
      finish:
        target: done
        actions:
          - signal_parent: remind
  done:
    type: final
)";

}  // namespace

TEST_CASE("a definition loads with its header, data fields and states", "[loader]") {
    const Catalogue catalogue = load_ok({workflow_file("meeting", meeting_yaml), workflow_file("part", part_yaml)});
    CHECK(catalogue.names() == std::vector<std::string>{"meeting", "part"});
    const Definition* meeting = catalogue.find("meeting");
    REQUIRE(meeting);
    CHECK(catalogue.find("seminar") == nullptr);
    CHECK(meeting->version == 3);
    CHECK(meeting->title == "Tọa đàm chuyên đề");
    CHECK(meeting->file == "workflows/meeting.yaml");
    CHECK(meeting->source.starts_with("# A meeting"));
    CHECK(meeting->participants == std::vector<std::string>{"chair", "organiser"});
    CHECK(meeting->states[meeting->initial].name == "draft");

    REQUIRE(meeting->data.size() == 5);
    CHECK(meeting->find_field("title")->type == ValueType::string);
    CHECK_FALSE(meeting->find_field("title")->optional);
    CHECK(meeting->find_field("starts_at")->optional);
    const FieldSpec* kind = meeting->find_field("kind");
    CHECK(kind->optional);
    CHECK(kind->one_of == std::vector<std::string>{"hoi_thao", "toa_dam"});
    CHECK(meeting->find_field("budget_vnd")->fallback == boost::json::value(0));
    CHECK(meeting->find_field("nothing") == nullptr);

    const Definition* part = catalogue.find("part");
    REQUIRE(part);
    CHECK(part->parents == std::vector<std::string>{"meeting"});
}

TEST_CASE("transitions carry their target, roles, payload, assign, guard and actions", "[loader]") {
    const Catalogue catalogue = load_ok({workflow_file("meeting", meeting_yaml), workflow_file("part", part_yaml)});
    const Definition& meeting = *catalogue.find("meeting");
    const State& draft = *meeting.find_state("draft");
    REQUIRE(draft.entry.size() == 1);
    CHECK(std::get<NotifyAction>(draft.entry[0].kind).template_name == "demo.created");
    CHECK(std::get<NotifyAction>(draft.entry[0].kind).audience.empty());

    const Transition* plan = draft.find_transition("plan");
    REQUIRE(plan);
    CHECK(meeting.states[*plan->target].name == "planned");
    CHECK(plan->roles.contains(Role::organiser));
    CHECK(plan->roles.contains(Role::member));
    CHECK_FALSE(plan->roles.contains(Role::viewer));
    REQUIRE(plan->payload.size() == 3);
    CHECK(plan->payload[2].optional);
    CHECK(plan->assign == std::vector<std::string>{"starts_at", "kind"});
    REQUIRE(plan->guard.size() == 2);
    CHECK(std::get<Comparison>(plan->guard[0].test).source == "payload.starts_at > now");
    CHECK(std::get<NamedCondition>(plan->guard[1].test).name == "units_distinct");
    REQUIRE(plan->actions.size() == 2);
    CHECK(std::get<NotifyAction>(plan->actions[0].kind).audience == std::vector<std::string>{"chair"});
    CHECK(std::get<SetAction>(plan->actions[1].kind).fields[0].field == "budget_vnd");
    CHECK(plan->where.line == line_of(meeting_yaml, "target: planned"));

    const Transition* abandon = draft.find_transition("abandon");
    REQUIRE(abandon);
    CHECK(abandon->roles.empty());  // admin and the engine only

    const State& planned = *meeting.find_state("planned");
    const Transition* remind = planned.find_transition("remind");
    REQUIRE(remind);  // written `remind:` alone
    CHECK_FALSE(remind->target);
    const Transition* invite = planned.find_transition("invite");
    REQUIRE(invite);
    CHECK(invite->assign == std::vector<std::string>{"units"});  // `assign: all`
    const auto& children = std::get<ChildCountCondition>(invite->guard[0].test);
    CHECK(children.outside);
    CHECK(children.source == "children of part not in [done] at most 0");
    const auto& spawn = std::get<SpawnAction>(invite->actions[0].kind);
    CHECK(spawn.workflow == "part");
    REQUIRE(spawn.for_each);
    CHECK(spawn.for_each->type == ValueType::array);
    CHECK(spawn.data[0].field == "unit");
    CHECK(planned.find_transition("plan") == nullptr);
}

TEST_CASE("timers keep their due time and the data fields it reads", "[loader]") {
    const Catalogue catalogue = load_ok({workflow_file("meeting", meeting_yaml), workflow_file("part", part_yaml)});
    const Definition& meeting = *catalogue.find("meeting");
    const TimerSpec& stale = meeting.find_state("draft")->timers.at(0);
    CHECK(stale.name == "stale");
    CHECK(stale.after == Duration{30 * 24h});
    CHECK_FALSE(stale.at);
    CHECK(stale.event == "abandon");
    CHECK(stale.anchors.empty());

    const TimerSpec& remind = meeting.find_state("planned")->timers.at(0);
    REQUIRE(remind.at);
    CHECK(remind.at->type == ValueType::time);
    CHECK(remind.anchors == std::vector<std::string>{"starts_at"});
    CHECK(remind.where.line == line_of(meeting_yaml, "{at: data.starts_at - 1d"));

    const auto& signal = std::get<SignalParentAction>(catalogue.find("part")->find_state("open")->transitions[0].actions[0].kind);
    CHECK(signal.event == "remind");
    CHECK(signal.payload.empty());
}

TEST_CASE("handles_anywhere tells an event of another state from an unknown one", "[loader]") {
    const Catalogue catalogue = load_ok({workflow_file("meeting", meeting_yaml), workflow_file("part", part_yaml)});
    const Definition& meeting = *catalogue.find("meeting");
    CHECK(meeting.handles_anywhere("invite"));
    CHECK(meeting.handles_anywhere("plan"));
    CHECK_FALSE(meeting.handles_anywhere("publish"));
}
