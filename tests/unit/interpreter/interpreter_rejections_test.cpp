// Every way decide() refuses an event, each with the kind the API maps to a status, the rule
// that refused, and a sentence that shows what was wrong. Time is fixed: no clock is read.
#include <catch2/catch.hpp>

#include "support/catalogue_fixture.hpp"
#include "support/decision_fixture.hpp"
#include "support/time_literal.hpp"

using namespace seminarflow;
using namespace seminarflow::test;
using Catch::Matchers::Contains;

namespace {

constexpr std::string_view meeting_yaml = R"(
name: meeting
version: 1
initial: draft
participants: [chair, organiser]
data:
  title: string
  starts_at: time?
  kind: {type: string, optional: true, one_of: [hoi_thao, toa_dam]}
  budget_vnd: {type: vnd, default: 0}
  spent_vnd: {type: vnd, default: 0}
  min_contributions: {type: integer, default: 2}
states:
  draft:
    on:
      plan:
        target: planned
        roles: [organiser]
        payload:
          starts_at: time
          kind: {type: string, one_of: [hoi_thao, toa_dam]}
          note: string?
        assign: [starts_at, kind]
        guard:
          - check: payload.starts_at > now
      rename:
        roles: [organiser, member]
        payload: {title: string}
        assign: [title]
      shift:
        roles: [organiser]
        actions:
          - set: {starts_at: starts_at + 1d}
      archive:
        target: archived
  planned:
    on:
      spend:
        roles: [organiser]
        payload: {amount_vnd: vnd}
        guard:
          - check: spent_vnd + payload.amount_vnd <= budget_vnd
        actions:
          - set: {spent_vnd: spent_vnd + payload.amount_vnd}
      refund:
        roles: [organiser]
        payload: {amount_vnd: vnd}
        actions:
          - set: {spent_vnd: spent_vnd - payload.amount_vnd}
      invite:
        roles: [organiser]
        payload: {units: array}
        guard:
          - named: units_distinct
      open:
        target: in_session
        roles: [organiser]
        guard:
          - children: {workflow: contribution, in: [accepted], min: min_contributions}
          - children: {workflow: contribution, in: [submitted], max: 0}
      archive:
        target: archived
  in_session:
    on:
      close: {target: archived, roles: [organiser]}
  archived:
    type: final
)";

constexpr std::string_view contribution_yaml = R"(
name: contribution
version: 1
initial: submitted
parents: [meeting]
data:
  unit: string
states:
  submitted:
    on:
      accept: {target: accepted, roles: [reviewer]}
  accepted:
    type: final
)";

const Definition& meeting() {
    static const Catalogue catalogue =
        load_ok({workflow_file("meeting", meeting_yaml), workflow_file("contribution", contribution_yaml)});
    return *catalogue.find("meeting");
}

const Time now = at("2026-11-01T09:00:00+07:00");

Instance draft() { return instance_of(meeting(), "draft", {{"title", "Tọa đàm công đoàn"}}); }

Instance planned(boost::json::object extra = {}) {
    boost::json::object data{{"title", "Tọa đàm công đoàn"}, {"starts_at", "2026-12-01T08:00:00+07:00"}};
    for (const auto& [key, value] : extra) data[key] = value;
    return instance_of(meeting(), "planned", std::move(data));
}

const boost::json::object valid_plan{{"starts_at", "2026-12-01T08:00:00+07:00"}, {"kind", "toa_dam"}};

}  // namespace

TEST_CASE("an event no state handles is unknown", "[interpreter][rejection]") {
    const Rejection& rejection = rejected(decide(meeting(), draft(), event_of("dance"), now));
    CHECK(rejection.kind == RejectionKind::unknown_event);
    CHECK(rejection.rule == "dance");
    CHECK(rejection.message == "meeting has no event 'dance'");
}

TEST_CASE("an event of another state is not allowed in this one", "[interpreter][rejection]") {
    const Rejection& rejection = rejected(decide(meeting(), draft(), event_of("spend", {{"amount_vnd", 1}}), now));
    CHECK(rejection.kind == RejectionKind::not_allowed_in_state);
    CHECK(rejection.rule == "spend");
    CHECK(rejection.message == "'spend' is not allowed in state 'draft'; allowed here: plan, rename, shift, archive");
}

TEST_CASE("a finished instance takes no more events, not even known ones", "[interpreter][rejection]") {
    const Instance archived = instance_of(meeting(), "archived", {{"title", "x"}});
    for (const char* type : {"plan", "close", "dance"}) {
        const Rejection& rejection = rejected(decide(meeting(), archived, event_of(type), now));
        CHECK(rejection.kind == RejectionKind::instance_finished);
        CHECK(rejection.rule == "archived");
        CHECK(rejection.message == "this meeting is archived and takes no more events");
    }
}

TEST_CASE("an instance in a state its definition lacks is a definition mismatch", "[interpreter][rejection]") {
    const Rejection& rejection =
        rejected(decide(meeting(), instance_of(meeting(), "postponed", {}), event_of("plan"), now));
    CHECK(rejection.kind == RejectionKind::definition_mismatch);
    CHECK(rejection.message == "state 'postponed' is not in meeting v1");
}

TEST_CASE("only the roles a transition names may send it, besides admin and the engine", "[interpreter][rejection]") {
    SECTION("a role that is not listed") {
        const Rejection& rejection = rejected(decide(meeting(), draft(), event_of("plan", valid_plan, Role::viewer), now));
        CHECK(rejection.kind == RejectionKind::role_not_allowed);
        CHECK(rejection.rule == "viewer");
        CHECK(rejection.message == "role 'viewer' may not send 'plan'; allowed: admin, organiser");
    }
    SECTION("every listed role may") {
        for (const Role role : {Role::organiser, Role::member}) {
            decided(decide(meeting(), draft(), event_of("rename", {{"title", "Hội thảo"}}, role), now));
        }
        CHECK(rejected(decide(meeting(), draft(), event_of("rename", {{"title", "x"}}, Role::reviewer), now)).message ==
              "role 'reviewer' may not send 'rename'; allowed: admin, organiser, member");
    }
    SECTION("admin and system always may") {
        for (const Role role : {Role::admin, Role::system}) {
            const Decision& decision = decided(decide(meeting(), draft(), event_of("plan", valid_plan, role), now));
            CHECK(meeting().states[decision.to].name == "planned");
        }
    }
    SECTION("a transition without roles is for admin and the engine only") {
        for (const Role role : {Role::organiser, Role::member, Role::reviewer, Role::viewer}) {
            const Rejection& rejection = rejected(decide(meeting(), draft(), event_of("archive", {}, role), now));
            CHECK(rejection.kind == RejectionKind::role_not_allowed);
            CHECK(rejection.message == "role '" + std::string(role_name(role)) + "' may not send 'archive'; allowed: admin");
        }
        decided(decide(meeting(), draft(), event_of("archive", {}, Role::admin), now));
        decided(decide(meeting(), draft(), event_of("archive", {}, Role::system), now));
    }
    SECTION("the role is checked before the payload: a stranger learns nothing of the fields") {
        CHECK(rejected(decide(meeting(), draft(), event_of("plan", {{"bogus", 1}}, Role::viewer), now)).kind ==
              RejectionKind::role_not_allowed);
    }
}

TEST_CASE("a payload must have every required field, no unknown one, each of its type", "[interpreter][rejection]") {
    const auto refusal = [](boost::json::object payload) {
        return rejected(decide(meeting(), draft(), event_of("plan", std::move(payload)), now));
    };
    SECTION("a required field missing") {
        const Rejection rejection = refusal({{"kind", "toa_dam"}});
        CHECK(rejection.kind == RejectionKind::payload_invalid);
        CHECK(rejection.rule == "starts_at");
        CHECK(rejection.message == "payload field 'starts_at' is required (time)");
    }
    SECTION("a required field sent as null") {
        const Rejection rejection = refusal({{"starts_at", nullptr}, {"kind", "toa_dam"}});
        CHECK(rejection.message == "payload field 'starts_at' is required (time)");
    }
    SECTION("an unknown field") {
        boost::json::object payload = valid_plan;
        payload["venue"] = "Hà Nội";
        const Rejection rejection = refusal(payload);
        CHECK(rejection.kind == RejectionKind::payload_invalid);
        CHECK(rejection.rule == "venue");
        CHECK(rejection.message == "unknown payload field 'venue'; expected: starts_at, kind, note");
    }
    SECTION("a field of another type") {
        const Rejection rejection = refusal({{"starts_at", "01/12/2026"}, {"kind", "toa_dam"}});
        CHECK(rejection.kind == RejectionKind::payload_invalid);
        CHECK(rejection.rule == "starts_at");
        CHECK(rejection.message ==
              "payload field 'starts_at': expected a time (RFC 3339, e.g. 2026-12-01T08:00:00+07:00), got \"01/12/2026\"");
    }
    SECTION("a choice outside the closed list") {
        const Rejection rejection = refusal({{"starts_at", "2026-12-01T08:00:00+07:00"}, {"kind", "hoi_nghi"}});
        CHECK(rejection.rule == "kind");
        CHECK(rejection.message == "payload field 'kind': expected one of hoi_thao, toa_dam, got \"hoi_nghi\"");
    }
    SECTION("an optional field may be left out, but not sent mistyped") {
        decided(decide(meeting(), draft(), event_of("plan", valid_plan), now));
        boost::json::object payload = valid_plan;
        payload["note"] = 42;
        CHECK(refusal(payload).message == "payload field 'note': expected a string, got 42");
    }
    SECTION("an amount is whole and not negative") {
        const auto spend = [](boost::json::value amount) {
            return rejected(decide(meeting(), planned({{"budget_vnd", 100}}), event_of("spend", {{"amount_vnd", amount}}), now));
        };
        CHECK(spend(-5).message == "payload field 'amount_vnd': expected a whole, non-negative amount in VND, got -5");
        CHECK(spend(2.5).message == "payload field 'amount_vnd': expected a whole, non-negative amount in VND, got 2.5");
    }
    SECTION("an event without fields takes none") {
        const Rejection rejection = rejected(decide(meeting(), draft(), event_of("archive", {{"why", "x"}}, Role::admin), now));
        CHECK(rejection.message == "unknown payload field 'why'; this event takes no fields");
    }
}

TEST_CASE("a failed check names the condition and the values it saw", "[interpreter][rejection]") {
    SECTION("a date in the past") {
        const Rejection& rejection = rejected(decide(
            meeting(), draft(), event_of("plan", {{"starts_at", "2026-10-01T08:00:00+07:00"}, {"kind", "toa_dam"}}), now));
        CHECK(rejection.kind == RejectionKind::guard_failed);
        CHECK(rejection.rule == "payload.starts_at > now");
        CHECK(rejection.message == "condition 'payload.starts_at > now' does not hold: "
                                   "2026-10-01T01:00:00Z > 2026-11-01T02:00:00Z is false");
    }
    SECTION("spending past the budget") {
        const Instance instance = planned({{"budget_vnd", 55000000}, {"spent_vnd", 50000000}});
        const Rejection& rejection =
            rejected(decide(meeting(), instance, event_of("spend", {{"amount_vnd", 10000000}}), now));
        CHECK(rejection.kind == RejectionKind::guard_failed);
        CHECK(rejection.rule == "spent_vnd + payload.amount_vnd <= budget_vnd");
        CHECK(rejection.message == "condition 'spent_vnd + payload.amount_vnd <= budget_vnd' does not hold: "
                                   "60000000 <= 55000000 is false");
        // Exactly the budget is allowed.
        const Decision& decision = decided(decide(meeting(), instance, event_of("spend", {{"amount_vnd", 5000000}}), now));
        CHECK(decision.data_patch.at("spent_vnd").as_int64() == 55000000);
    }
    SECTION("a field with a default reads its default") {
        // budget_vnd and spent_vnd are not in the data: both are 0, so any amount above 0 fails.
        const Rejection& rejection = rejected(decide(meeting(), planned(), event_of("spend", {{"amount_vnd", 1}}), now));
        CHECK_THAT(rejection.message, Contains("1 <= 0 is false"));
    }
}

TEST_CASE("children conditions count the children in the named states", "[interpreter][rejection]") {
    Instance instance = planned();
    SECTION("too few") {
        instance.children = {{"contribution", "accepted", 1}, {"contribution", "submitted", 0}};
        const Rejection& rejection = rejected(decide(meeting(), instance, event_of("open"), now));
        CHECK(rejection.kind == RejectionKind::guard_failed);
        CHECK(rejection.rule == "children of contribution in [accepted] at least min_contributions");
        CHECK(rejection.message ==
              "condition 'children of contribution in [accepted] at least min_contributions' does not hold: there are 1");
    }
    SECTION("too many") {
        instance.children = {{"contribution", "accepted", 2}, {"contribution", "submitted", 1}};
        const Rejection& rejection = rejected(decide(meeting(), instance, event_of("open"), now));
        CHECK(rejection.rule == "children of contribution in [submitted] at most 0");
        CHECK(rejection.message == "condition 'children of contribution in [submitted] at most 0' does not hold: there are 1");
    }
    SECTION("children of other workflows do not count") {
        instance.children = {{"contribution", "accepted", 1}, {"reward", "accepted", 5}};
        CHECK(rejected(decide(meeting(), instance, event_of("open"), now)).kind == RejectionKind::guard_failed);
    }
    SECTION("the bound is read from the data") {
        instance.data["min_contributions"] = 1;
        instance.children = {{"contribution", "accepted", 1}};
        CHECK(meeting().states[decided(decide(meeting(), instance, event_of("open"), now)).to].name == "in_session");
    }
    SECTION("enough, and none left to answer") {
        instance.children = {{"contribution", "accepted", 3}, {"contribution", "submitted", 0}};
        CHECK(meeting().states[decided(decide(meeting(), instance, event_of("open"), now)).to].name == "in_session");
    }
}

TEST_CASE("the named guard units_distinct refuses a unit listed twice", "[interpreter][rejection]") {
    const auto invite = [](boost::json::array units) {
        return decide(meeting(), planned(), event_of("invite", {{"units", std::move(units)}}), now);
    };
    const Rejection& rejection = rejected(invite({"cdcs_so_tu_phap", "cdcs_tkv", "cdcs_so_tu_phap"}));
    CHECK(rejection.kind == RejectionKind::guard_failed);
    CHECK(rejection.rule == "units_distinct");
    CHECK(rejection.message == "unit 'cdcs_so_tu_phap' is listed more than once");
    decided(invite({"cdcs_so_tu_phap", "cdcs_tkv"}));
}

TEST_CASE("an action that cannot be computed refuses the whole event", "[interpreter][rejection]") {
    SECTION("a field it reads is not set") {
        const Rejection& rejection = rejected(decide(meeting(), draft(), event_of("shift"), now));
        CHECK(rejection.kind == RejectionKind::action_failed);
        CHECK(rejection.rule == "set starts_at");
        CHECK(rejection.message == "the transition cannot be carried out: data.starts_at is not set");
    }
    SECTION("the value does not fit its field") {
        const Instance instance = planned({{"spent_vnd", 3}});
        const Rejection& rejection = rejected(decide(meeting(), instance, event_of("refund", {{"amount_vnd", 8}}), now));
        CHECK(rejection.kind == RejectionKind::action_failed);
        CHECK(rejection.rule == "set spent_vnd");
        CHECK(rejection.message ==
              "the transition cannot be carried out: spent_vnd: expected a whole, non-negative amount in VND, got -5");
    }
}
