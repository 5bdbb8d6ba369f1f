// Timers: scheduled when their state is entered, cancelled when it is left, and moved when a
// data field their `at` reads changes while the state is held — a postponed seminar moves its
// reminders. A timer whose date is not set yet waits for it.
#include <catch2/catch.hpp>

#include <algorithm>
#include <map>

#include "support/catalogue_fixture.hpp"
#include "support/decision_fixture.hpp"
#include "support/time_literal.hpp"

using namespace seminarflow;
using namespace seminarflow::test;
using namespace std::chrono_literals;

namespace {

constexpr std::string_view seminar_yaml = R"(
name: seminar
version: 1
initial: draft
data:
  title: string
  starts_at: time?
  ends_at: time?
  venue: string?
states:
  draft:
    timers:
      stale: {after: 30d, event: abandon}
    on:
      plan:
        target: planned
        roles: [organiser]
        payload: {starts_at: 'time?', venue: string}
        assign: [starts_at, venue]
      abandon: {target: cancelled}
  planned:
    timers:
      remind_week: {at: starts_at - 7d, event: remind}
      remind_day: {at: data.starts_at - 1d, event: remind}
      open_session: {at: starts_at, event: open}
      chase: {after: 2d, event: chase}
      year_end: {at: 2026-12-31T17:00:00Z, event: remind}
    on:
      remind: {}
      chase:
      postpone:
        roles: [organiser]
        payload: {starts_at: time}
        assign: [starts_at]
      delay_week:
        roles: [organiser]
        actions:
          - set: {starts_at: starts_at + 1w}
      move:
        roles: [organiser]
        payload: {venue: string}
        assign: [venue]
      open: {target: in_session, roles: [organiser]}
      cancel: {target: cancelled, roles: [organiser]}
  in_session:
    timers:
      scheduled_end: {at: ends_at, event: close}
    on:
      close: {target: closed, roles: [organiser]}
  closed:
    type: final
  cancelled:
    type: final
)";

const Definition& seminar() {
    static const Catalogue catalogue = load_ok({workflow_file("seminar", seminar_yaml)});
    return *catalogue.find("seminar");
}

const Time now = at("2026-11-01T09:00:00+07:00");

Instance planned(boost::json::object data) {
    data["title"] = "Tọa đàm";
    return instance_of(seminar(), "planned", std::move(data));
}

// The timers a decision schedules, by name, with their due time and event.
std::map<std::string, ScheduleTimer> scheduled(const Decision& decision) {
    std::map<std::string, ScheduleTimer> timers;
    for (const auto& timer : effects_of<ScheduleTimer>(decision)) {
        CHECK(timers.emplace(timer.name, timer).second);  // each at most once
    }
    return timers;
}

std::vector<std::string> cancelled(const Decision& decision) {
    std::vector<std::string> names;
    for (const auto& timer : effects_of<CancelTimer>(decision)) names.push_back(timer.name);
    std::sort(names.begin(), names.end());
    return names;
}

}  // namespace

TEST_CASE("entering a state schedules its timers: at a data field minus a duration, after a delay, at a time",
          "[interpreter][timers]") {
    const Instance draft = instance_of(seminar(), "draft", {{"title", "Tọa đàm"}});
    const Decision decision = decided(decide(
        seminar(), draft, event_of("plan", {{"starts_at", "2026-12-01T08:00:00+07:00"}, {"venue", "Hà Nội"}}), now));
    const auto timers = scheduled(decision);
    REQUIRE(timers.size() == 5);
    CHECK(timers.at("remind_week").due == at("2026-11-24T01:00:00Z"));
    CHECK(timers.at("remind_week").event == "remind");
    CHECK(timers.at("remind_day").due == at("2026-11-30T01:00:00Z"));
    CHECK(timers.at("open_session").due == at("2026-12-01T01:00:00Z"));
    CHECK(timers.at("open_session").event == "open");
    CHECK(timers.at("chase").due == now + 48h);
    CHECK(timers.at("year_end").due == at("2026-12-31T17:00:00Z"));
    // The timers of the state left are cancelled, before the new ones are scheduled.
    CHECK(cancelled(decision) == std::vector<std::string>{"stale"});
    REQUIRE(std::holds_alternative<CancelTimer>(decision.effects.front()));
}

TEST_CASE("a timer whose date is not set is not scheduled", "[interpreter][timers]") {
    const Instance draft = instance_of(seminar(), "draft", {{"title", "Tọa đàm"}});
    const Decision decision = decided(decide(seminar(), draft, event_of("plan", {{"venue", "Hà Nội"}}), now));
    const auto timers = scheduled(decision);
    CHECK(timers.size() == 2);
    CHECK(timers.contains("chase"));
    CHECK(timers.contains("year_end"));
}

TEST_CASE("a timer waiting for its date is scheduled when the date is set in the state", "[interpreter][timers]") {
    const Decision decision =
        decided(decide(seminar(), planned({}), event_of("postpone", {{"starts_at", "2026-12-01T08:00:00+07:00"}}), now));
    const auto timers = scheduled(decision);
    REQUIRE(timers.size() == 3);
    CHECK(timers.at("remind_week").due == at("2026-11-24T01:00:00Z"));
    CHECK(timers.at("remind_day").due == at("2026-11-30T01:00:00Z"));
    CHECK(timers.at("open_session").due == at("2026-12-01T01:00:00Z"));
    CHECK(cancelled(decision).empty());
}

TEST_CASE("a postponed seminar moves the timers that hang on its date, and only those", "[interpreter][timers]") {
    const Instance instance = planned({{"starts_at", "2026-12-01T08:00:00+07:00"}});
    const Decision decision =
        decided(decide(seminar(), instance, event_of("postpone", {{"starts_at", "2026-12-15T08:00:00+07:00"}}), now));
    CHECK_FALSE(decision.changes_state());
    CHECK(decision.data_patch.at("starts_at") == boost::json::value("2026-12-15T08:00:00+07:00"));
    const auto timers = scheduled(decision);
    REQUIRE(timers.size() == 3);  // not chase (after:) nor year_end (an absolute time)
    CHECK(timers.at("remind_week").due == at("2026-12-08T01:00:00Z"));
    CHECK(timers.at("remind_day").due == at("2026-12-14T01:00:00Z"));
    CHECK(timers.at("open_session").due == at("2026-12-15T01:00:00Z"));
    // Moved, not cancelled: scheduling a timer that exists moves it.
    CHECK(cancelled(decision).empty());
}

TEST_CASE("a date changed by `set` moves its timers too", "[interpreter][timers]") {
    const Instance instance = planned({{"starts_at", "2026-12-01T08:00:00+07:00"}});
    const Decision decision = decided(decide(seminar(), instance, event_of("delay_week"), now));
    CHECK(decision.data_patch.at("starts_at") == boost::json::value("2026-12-08T01:00:00Z"));
    const auto timers = scheduled(decision);
    REQUIRE(timers.size() == 3);
    CHECK(timers.at("open_session").due == at("2026-12-08T01:00:00Z"));
}

TEST_CASE("an internal event that changes no date leaves the timers alone", "[interpreter][timers]") {
    const Instance instance = planned({{"starts_at", "2026-12-01T08:00:00+07:00"}});
    const Decision decision = decided(decide(seminar(), instance, event_of("move", {{"venue", "Đà Nẵng"}}), now));
    CHECK(decision.effects.empty());
}

TEST_CASE("leaving a state cancels every timer it has", "[interpreter][timers]") {
    const Instance instance = planned({{"starts_at", "2026-12-01T08:00:00+07:00"}});
    const Decision decision = decided(decide(seminar(), instance, event_of("cancel"), now));
    CHECK(seminar().states[decision.to].name == "cancelled");
    CHECK(cancelled(decision) == std::vector<std::string>{"chase", "open_session", "remind_day", "remind_week", "year_end"});
    CHECK(scheduled(decision).empty());
}

TEST_CASE("a timer fires its event as the engine, which any transition lets through", "[interpreter][timers]") {
    const Instance instance = planned({{"starts_at", "2026-12-01T08:00:00+07:00"}});
    // `open` is for organisers; the timer's `system` actor may send it too.
    const Decision decision = decided(decide(seminar(), instance, event_of("open", {}, Role::system), now));
    CHECK(seminar().states[decision.to].name == "in_session");
    // in_session's timer reads ends_at, which is not set: nothing to schedule yet.
    CHECK(scheduled(decision).empty());
    CHECK(cancelled(decision).size() == 5);
}

TEST_CASE("a timer the next state has too is cancelled, then scheduled again, in that order",
          "[interpreter][timers]") {
    // The runtime carries effects out in order: the other way round would leave no timer.
    constexpr std::string_view yaml = R"(
name: review
version: 1
initial: inviting
data:
  due_at: time
states:
  inviting:
    timers:
      deadline: {at: due_at, event: lapse}
    on:
      first_reply: {target: collecting, roles: [member]}
      lapse: {target: closed}
  collecting:
    timers:
      deadline: {at: due_at, event: lapse}
    on:
      lapse: {target: closed}
  closed:
    type: final
)";
    const Catalogue catalogue = load_ok({workflow_file("review", yaml)});
    const Definition& review = *catalogue.find("review");
    const Instance inviting = instance_of(review, "inviting", {{"due_at", "2026-11-20T17:00:00+07:00"}});
    const Decision decision = decided(decide(review, inviting, event_of("first_reply", {}, Role::member), now));
    REQUIRE(decision.effects.size() == 2);
    CHECK(std::get<CancelTimer>(decision.effects[0]).name == "deadline");
    CHECK(std::get<ScheduleTimer>(decision.effects[1]).name == "deadline");
    CHECK(std::get<ScheduleTimer>(decision.effects[1]).due == at("2026-11-20T10:00:00Z"));
}
