// Creating an instance: its data checked against the definition (required fields, unknown
// fields, types), defaults filled in, and the initial state entered — entry actions run and
// timers scheduled — exactly as if a transition had led there.
#include <catch2/catch.hpp>

#include "support/catalogue_fixture.hpp"
#include "support/decision_fixture.hpp"
#include "support/time_literal.hpp"

using namespace seminarflow;
using namespace seminarflow::test;
using namespace std::chrono_literals;

namespace {

constexpr std::string_view meeting_yaml = R"(
name: meeting
version: 1
initial: draft
data:
  title: string
  starts_at: time?
  rounds: {type: integer, default: 3}
  budget_vnd: {type: vnd, default: 0}
  opened_at: time?
  kind: {type: string, one_of: [hoi_thao, toa_dam], default: hoi_thao}
states:
  draft:
    entry:
      - set: {opened_at: now}
      - notify: demo.created
    timers:
      stale: {after: 30d, event: abandon}
      remind: {at: starts_at - 1d, event: remind}
      year_end: {at: 2026-12-31T17:00:00Z, event: abandon}
    on:
      remind: {}
      abandon: {target: gone}
  gone:
    type: final
)";

const Definition& meeting() {
    static const Catalogue catalogue = load_ok({workflow_file("meeting", meeting_yaml)});
    return *catalogue.find("meeting");
}

const Time now = at("2026-11-01T09:00:00+07:00");

Outcome start_with(boost::json::object data) { return start(meeting(), instance_of(meeting(), "draft", std::move(data)), now); }

}  // namespace

TEST_CASE("start fills the defaults and runs the initial state's entry actions", "[interpreter][start]") {
    const Decision decision = decided(start_with({{"title", "Hội thảo khoa học"}}));
    CHECK(decision.from == meeting().initial);
    CHECK(decision.to == meeting().initial);
    CHECK(decision.data_patch == boost::json::object{{"rounds", 3},
                                                     {"budget_vnd", 0},
                                                     {"kind", "hoi_thao"},
                                                     {"opened_at", "2026-11-01T02:00:00Z"}});
    const auto notifications = effects_of<Notify>(decision);
    REQUIRE(notifications.size() == 1);
    CHECK(notifications[0].template_name == "demo.created");
}

TEST_CASE("start schedules the initial state's timers", "[interpreter][start]") {
    SECTION("those it can: the date of `remind` is not set") {
        const Decision decision = decided(start_with({{"title", "x"}}));
        const auto timers = effects_of<ScheduleTimer>(decision);
        REQUIRE(timers.size() == 2);
        CHECK(timers[0].name == "stale");
        CHECK(timers[0].due == now + 30 * 24h);
        CHECK(timers[0].event == "abandon");
        CHECK(timers[1].name == "year_end");
        CHECK(timers[1].due == at("2026-12-31T17:00:00Z"));
        CHECK(effects_of<CancelTimer>(decision).empty());
    }
    SECTION("all of them when the data has the date") {
        const Decision decision = decided(start_with({{"title", "x"}, {"starts_at", "2026-12-01T08:00:00+07:00"}}));
        const auto timers = effects_of<ScheduleTimer>(decision);
        REQUIRE(timers.size() == 3);
        CHECK(timers[1].name == "remind");
        CHECK(timers[1].due == at("2026-11-30T01:00:00Z"));
    }
}

TEST_CASE("start keeps what was given over the defaults", "[interpreter][start]") {
    const Decision decision = decided(start_with({{"title", "x"}, {"rounds", 5}, {"kind", "toa_dam"}}));
    CHECK_FALSE(decision.data_patch.contains("rounds"));
    CHECK_FALSE(decision.data_patch.contains("kind"));
    CHECK(decision.data_patch.at("budget_vnd").as_int64() == 0);
}

TEST_CASE("start takes a null as no value, which gets the default", "[interpreter][start]") {
    const Decision decision = decided(start_with({{"title", "x"}, {"rounds", nullptr}}));
    CHECK(decision.data_patch.at("rounds").as_int64() == 3);
}

TEST_CASE("start refuses data that does not fit the definition", "[interpreter][start]") {
    SECTION("a required field missing") {
        const Rejection rejection = rejected(start_with({{"starts_at", "2026-12-01T08:00:00+07:00"}}));
        CHECK(rejection.kind == RejectionKind::payload_invalid);
        CHECK(rejection.rule == "title");
        CHECK(rejection.message == "data field 'title' is required (string)");
    }
    SECTION("an unknown field") {
        const Rejection rejection = rejected(start_with({{"title", "x"}, {"venue", "Hà Nội"}}));
        CHECK(rejection.kind == RejectionKind::payload_invalid);
        CHECK(rejection.rule == "venue");
        CHECK(rejection.message ==
              "unknown data field 'venue'; expected: title, starts_at, rounds, budget_vnd, opened_at, kind");
    }
    SECTION("a field of another type") {
        const Rejection rejection = rejected(start_with({{"title", "x"}, {"rounds", "three"}}));
        CHECK(rejection.rule == "rounds");
        CHECK(rejection.message == "data field 'rounds': expected a whole number, got \"three\"");
    }
    SECTION("a choice outside the closed list") {
        const Rejection rejection = rejected(start_with({{"title", "x"}, {"kind", "hoi_nghi"}}));
        CHECK(rejection.message == "data field 'kind': expected one of hoi_thao, toa_dam, got \"hoi_nghi\"");
    }
}
