// What an accepted event does: the data it changes and the effects, in the order the runtime
// carries them out — notifications, computed fields, children spawned, parents signalled.
#include <catch2/catch.hpp>

#include "support/catalogue_fixture.hpp"
#include "support/decision_fixture.hpp"
#include "support/time_literal.hpp"

using namespace seminarflow;
using namespace seminarflow::test;

namespace {

constexpr std::string_view meeting_yaml = R"(
name: meeting
version: 1
initial: planned
participants: [chair, organiser]
data:
  title: string
  starts_at: time?
  venue: string?
  note: string?
  rounds: {type: integer, default: 0}
  next_round: integer?
  label: string?
  contributions: {type: integer, default: 0}
  last_unit: string?
states:
  planned:
    on:
      announce:
        roles: [organiser]
        actions:
          - notify: demo.planned
          - notify: {template: demo.reminder, to: [chair]}
      count:
        roles: [organiser]
        actions:
          - set: {rounds: rounds + 1, next_round: rounds + 1}
          - set: {label: title}
      recount:
        roles: [organiser]
        actions:
          - set: {rounds: rounds + 1}
          - set: {next_round: rounds + 1}
      move:
        roles: [organiser]
        payload: {venue: string, note: 'string?'}
        assign: all
      invite:
        roles: [organiser]
        payload: {units: array}
        actions:
          - spawn:
              workflow: contribution
              for_each: payload.units
              data: {unit: item, meeting_title: title, due_at: starts_at - 3d}
      invite_contacts:
        roles: [organiser]
        payload: {units: array}
        actions:
          - spawn:
              workflow: contribution
              for_each: payload.units
              data: {unit: item.id, contact: item.contact, meeting_title: title}
      add_contribution:
        roles: [organiser]
        payload: {unit: string}
        actions:
          - spawn: {workflow: contribution, data: {unit: payload.unit, meeting_title: title}}
      contribution_submitted:
        payload: {unit: string, title: string, at: time}
        actions:
          - set: {contributions: contributions + 1, last_unit: payload.unit}
      remark:
        roles: [organiser]
        payload:
          remark: {type: string, default: 'không có'}
          venue: {type: string, default: 'Hà Nội'}
        assign: [venue]
        guard:
          - check: payload.remark != ''
        actions:
          - set: {label: payload.remark}
      open:
        target: in_session
        roles: [organiser]
        actions:
          - notify: demo.started
  in_session:
    entry:
      - notify: {template: demo.reminder, to: [organiser]}
      - set: {label: "'live'"}
    on:
      close: {target: closed, roles: [organiser]}
  closed:
    type: final
)";

constexpr std::string_view contribution_yaml = R"(
name: contribution
version: 1
initial: invited
parents: [meeting]
data:
  unit: string
  meeting_title: string
  due_at: time?
  contact: string?
states:
  invited:
    on:
      submit:
        target: submitted
        roles: [member]
        payload: {title: string}
        actions:
          - signal_parent: {event: contribution_submitted, payload: {unit: unit, title: payload.title, at: now}}
  submitted:
    type: final
)";

const Catalogue& catalogue() {
    static const Catalogue loaded =
        load_ok({workflow_file("meeting", meeting_yaml), workflow_file("contribution", contribution_yaml)});
    return loaded;
}
const Definition& meeting() { return *catalogue().find("meeting"); }
const Definition& contribution() { return *catalogue().find("contribution"); }

const Time now = at("2026-11-01T09:00:00+07:00");

Instance planned() {
    return instance_of(meeting(), "planned",
                       {{"title", "Tọa đàm công đoàn"}, {"starts_at", "2026-12-01T08:00:00+07:00"}, {"rounds", 4}});
}

}  // namespace

TEST_CASE("notify: the short form goes to every participant, the long form to its audience", "[interpreter][effects]") {
    const Decision decision = decided(decide(meeting(), planned(), event_of("announce"), now));
    CHECK_FALSE(decision.changes_state());
    CHECK(decision.data_patch.empty());
    REQUIRE(decision.effects.size() == 2);
    const auto& everyone = std::get<Notify>(decision.effects[0]);
    CHECK(everyone.template_name == "demo.planned");
    CHECK(everyone.audience.empty());
    const auto& chair = std::get<Notify>(decision.effects[1]);
    CHECK(chair.template_name == "demo.reminder");
    CHECK(chair.audience == std::vector<std::string>{"chair"});
}

TEST_CASE("set: each field sees the ones computed before it", "[interpreter][effects]") {
    SECTION("within one set") {
        const Decision decision = decided(decide(meeting(), planned(), event_of("count"), now));
        CHECK(decision.data_patch.at("rounds").as_int64() == 5);
        CHECK(decision.data_patch.at("next_round").as_int64() == 6);
        CHECK(decision.data_patch.at("label").as_string() == "Tọa đàm công đoàn");
        CHECK(decision.effects.empty());
    }
    SECTION("across sets") {
        const Decision decision = decided(decide(meeting(), planned(), event_of("recount"), now));
        CHECK(decision.data_patch.at("rounds").as_int64() == 5);
        CHECK(decision.data_patch.at("next_round").as_int64() == 6);
    }
    SECTION("a field with a default starts from it") {
        Instance instance = planned();
        instance.data.erase("rounds");
        const Decision decision = decided(decide(meeting(), instance, event_of("count"), now));
        CHECK(decision.data_patch.at("rounds").as_int64() == 1);
    }
}

TEST_CASE("assign copies the payload fields that were sent into data", "[interpreter][effects]") {
    const Decision with_note =
        decided(decide(meeting(), planned(), event_of("move", {{"venue", "Nhà văn hóa Lao động"}, {"note", "x"}}), now));
    CHECK(with_note.data_patch == boost::json::object{{"venue", "Nhà văn hóa Lao động"}, {"note", "x"}});
    // `assign: all` names every payload field, but only what was sent is copied.
    const Decision without_note = decided(decide(meeting(), planned(), event_of("move", {{"venue", "Hà Nội"}}), now));
    CHECK(without_note.data_patch == boost::json::object{{"venue", "Hà Nội"}});
}

TEST_CASE("payload fields left out take their default, for guards, assign and actions alike",
          "[interpreter][effects]") {
    const Decision defaults = decided(decide(meeting(), planned(), event_of("remark"), now));
    CHECK(defaults.data_patch == boost::json::object{{"venue", "Hà Nội"}, {"label", "không có"}});
    const Decision given =
        decided(decide(meeting(), planned(), event_of("remark", {{"remark", "Đã duyệt"}, {"venue", nullptr}}), now));
    CHECK(given.data_patch == boost::json::object{{"venue", "Hà Nội"}, {"label", "Đã duyệt"}});
    CHECK(rejected(decide(meeting(), planned(), event_of("remark", {{"remark", ""}}), now)).kind ==
          RejectionKind::guard_failed);
}

TEST_CASE("spawn without for_each creates one child", "[interpreter][effects]") {
    const Decision decision = decided(decide(meeting(), planned(), event_of("add_contribution", {{"unit", "cdcs_tkv"}}), now));
    const auto children = effects_of<SpawnChild>(decision);
    REQUIRE(children.size() == 1);
    CHECK(children[0].workflow == "contribution");
    CHECK(children[0].data == boost::json::object{{"unit", "cdcs_tkv"}, {"meeting_title", "Tọa đàm công đoàn"}});
}

TEST_CASE("spawn for_each creates one child per element, in order, with `item`", "[interpreter][effects]") {
    const Decision decision = decided(decide(
        meeting(), planned(), event_of("invite", {{"units", boost::json::array{"cdcs_so_tu_phap", "cdcs_tkv", "cdcs_evn"}}}),
        now));
    const auto children = effects_of<SpawnChild>(decision);
    REQUIRE(children.size() == 3);
    const char* units[] = {"cdcs_so_tu_phap", "cdcs_tkv", "cdcs_evn"};
    for (std::size_t i = 0; i < children.size(); ++i) {
        CHECK(children[i].workflow == "contribution");
        CHECK(children[i].data.at("unit") == boost::json::value(units[i]));
        CHECK(children[i].data.at("meeting_title") == boost::json::value("Tọa đàm công đoàn"));
        // starts_at - 3d, as a UTC RFC 3339 time.
        CHECK(children[i].data.at("due_at") == boost::json::value("2026-11-28T01:00:00Z"));
    }
}

TEST_CASE("spawn for_each reads fields of object elements with `item.x`", "[interpreter][effects]") {
    boost::json::array units{boost::json::object{{"id", "cdcs_tkv"}, {"contact", "Đ/c Lê Thanh Xuân"}},
                             boost::json::object{{"id", "cdcs_evn"}, {"contact", "Đ/c Nguyễn Văn A"}}};
    const Decision decision = decided(decide(meeting(), planned(), event_of("invite_contacts", {{"units", units}}), now));
    const auto children = effects_of<SpawnChild>(decision);
    REQUIRE(children.size() == 2);
    CHECK(children[0].data ==
          boost::json::object{{"unit", "cdcs_tkv"}, {"contact", "Đ/c Lê Thanh Xuân"}, {"meeting_title", "Tọa đàm công đoàn"}});
    CHECK(children[1].data.at("unit") == boost::json::value("cdcs_evn"));

    SECTION("an element without the field refuses the event, rather than spawn half a child") {
        units.emplace_back(boost::json::object{{"id", "cdcs_vnpt"}});
        const Rejection rejection =
            rejected(decide(meeting(), planned(), event_of("invite_contacts", {{"units", units}}), now));
        CHECK(rejection.kind == RejectionKind::action_failed);
        CHECK(rejection.rule == "spawn contribution");
        CHECK(rejection.message == "the transition cannot be carried out: item.contact is not set");
    }
}

TEST_CASE("spawn for_each over an empty list spawns nothing", "[interpreter][effects]") {
    const Decision decision =
        decided(decide(meeting(), planned(), event_of("invite", {{"units", boost::json::array{}}}), now));
    CHECK(effects_of<SpawnChild>(decision).empty());
}

TEST_CASE("signal_parent sends an event with its payload to the parent", "[interpreter][effects]") {
    Instance child = instance_of(contribution(), "invited", {{"unit", "cdcs_tkv"}, {"meeting_title", "Tọa đàm"}});
    child.parent = "meeting-1";
    const Decision decision =
        decided(decide(contribution(), child, event_of("submit", {{"title", "Vai trò công đoàn"}}, Role::member), now));
    CHECK(contribution().states[decision.to].name == "submitted");
    const auto signals = effects_of<SignalParent>(decision);
    REQUIRE(signals.size() == 1);
    CHECK(signals[0].event == "contribution_submitted");
    CHECK(signals[0].payload ==
          boost::json::object{{"unit", "cdcs_tkv"}, {"title", "Vai trò công đoàn"}, {"at", "2026-11-01T02:00:00Z"}});

    SECTION("which the parent accepts as the engine") {
        Event signal = event_of(signals[0].event, signals[0].payload, Role::system);
        const Decision parent = decided(decide(meeting(), planned(), signal, now));
        CHECK(parent.data_patch == boost::json::object{{"contributions", 1}, {"last_unit", "cdcs_tkv"}});
    }
}

TEST_CASE("signal_parent does nothing for an instance started on its own", "[interpreter][effects]") {
    const Instance orphan = instance_of(contribution(), "invited", {{"unit", "cdcs_tkv"}, {"meeting_title", "Tọa đàm"}});
    const Decision decision = decided(decide(contribution(), orphan, event_of("submit", {{"title", "x"}}, Role::member), now));
    CHECK(contribution().states[decision.to].name == "submitted");
    CHECK(effects_of<SignalParent>(decision).empty());
}

TEST_CASE("a transition's actions run before the target's entry actions", "[interpreter][effects]") {
    const Decision decision = decided(decide(meeting(), planned(), event_of("open"), now));
    CHECK(meeting().states[decision.from].name == "planned");
    CHECK(meeting().states[decision.to].name == "in_session");
    CHECK(decision.changes_state());
    const auto notifications = effects_of<Notify>(decision);
    REQUIRE(notifications.size() == 2);
    CHECK(notifications[0].template_name == "demo.started");
    CHECK(notifications[1].template_name == "demo.reminder");
    CHECK(notifications[1].audience == std::vector<std::string>{"organiser"});
    CHECK(decision.data_patch == boost::json::object{{"label", "live"}});
}

TEST_CASE("decide is pure: the same input gives the same decision", "[interpreter][effects]") {
    const Event invite = event_of("invite", {{"units", boost::json::array{"a", "b"}}});
    const Decision first = decided(decide(meeting(), planned(), invite, now));
    const Decision second = decided(decide(meeting(), planned(), invite, now));
    CHECK(first.data_patch == second.data_patch);
    REQUIRE(first.effects.size() == second.effects.size());
    for (std::size_t i = 0; i < first.effects.size(); ++i) {
        CHECK(std::get<SpawnChild>(first.effects[i]).data == std::get<SpawnChild>(second.effects[i]).data);
    }
}
