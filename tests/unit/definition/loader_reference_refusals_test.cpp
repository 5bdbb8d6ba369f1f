// The loader refuses names that point nowhere — roles, templates, named guards and computations, audiences,
// timer events, assigned fields — and malformed durations and times, each with its line and,
// where a near name exists, a "did you mean".
#include <catch2/catch.hpp>

#include "support/catalogue_fixture.hpp"

using namespace seminarflow;
using namespace seminarflow::test;
using Catch::Matchers::Contains;

TEST_CASE("an unknown role is refused with a suggestion", "[loader][refusal]") {
    constexpr std::string_view yaml = R"(
name: demo
version: 1
initial: draft
states:
  draft:
    on:
      close:
        target: done
        roles: [organizer]
  done:
    type: final
)";
    const Diagnostic error = single_refusal("demo", yaml);
    CHECK(error.where.line == line_of(yaml, "organizer"));
    CHECK(error.message == "event 'close': unknown role 'organizer' (did you mean 'organiser'?); roles are admin, "
                           "organiser, member, reviewer, viewer");
}

TEST_CASE("the engine's own role cannot be granted", "[loader][refusal]") {
    constexpr std::string_view yaml = R"(
name: demo
version: 1
initial: draft
states:
  draft:
    on:
      close:
        target: done
        roles: [system]
  done:
    type: final
)";
    const Diagnostic error = single_refusal("demo", yaml);
    CHECK(error.where.line == line_of(yaml, "[system]"));
    CHECK_THAT(error.message, Contains("unknown role 'system'"));
}

TEST_CASE("an unknown template is refused with a suggestion", "[loader][refusal]") {
    constexpr std::string_view yaml = R"(
name: demo
version: 1
initial: draft
states:
  draft:
    entry:
      - notify: demo.creatd
    on:
      close: {target: done}
  done:
    type: final
)";
    const Diagnostic error = single_refusal("demo", yaml);
    CHECK(error.where.line == line_of(yaml, "demo.creatd"));
    CHECK(error.where.column == 17);
    CHECK(error.message == "unknown template 'demo.creatd': add it to config/templates/vi.yaml and en.yaml "
                           "(did you mean 'demo.created'?)");
}

TEST_CASE("an unknown template in the long form of notify is refused", "[loader][refusal]") {
    constexpr std::string_view yaml = R"(
name: demo
version: 1
initial: draft
participants: [chair]
states:
  draft:
    on:
      close:
        target: done
        actions:
          - notify: {template: seminar.closed, to: [chair]}
  done:
    type: final
)";
    const Diagnostic error = single_refusal("demo", yaml);
    CHECK(error.where.line == line_of(yaml, "seminar.closed"));
    CHECK(error.message == "unknown template 'seminar.closed': add it to config/templates/vi.yaml and en.yaml");
}

TEST_CASE("a template whose placeholder is not a data field of the workflow is refused", "[loader][refusal]") {
    constexpr std::string_view yaml = R"(
name: demo
version: 1
initial: draft
data:
  titel: string
states:
  draft:
    on:
      plan:
        target: done
        actions:
          - notify: demo.planned
  done:
    type: final
)";
    const Diagnostic error = single_refusal("demo", yaml);
    CHECK(error.where.line == line_of(yaml, "- notify: demo.planned"));
    CHECK(error.message ==
          "template 'demo.planned' uses {{title}}, which is not a data field of demo (did you mean 'titel'?)");
}

TEST_CASE("an unknown named guard is refused with a suggestion", "[loader][refusal]") {
    constexpr std::string_view yaml = R"(
name: demo
version: 1
initial: draft
states:
  draft:
    on:
      close:
        target: done
        guard:
          - named: unit_distinct
  done:
    type: final
)";
    const Diagnostic error = single_refusal("demo", yaml);
    CHECK(error.where.line == line_of(yaml, "unit_distinct"));
    CHECK(error.message == "unknown named guard 'unit_distinct' (did you mean 'units_distinct'?)");
}

TEST_CASE("an unknown computation is refused with a suggestion", "[loader][refusal]") {
    constexpr std::string_view yaml = R"(
name: demo
version: 1
initial: draft
states:
  draft:
    on:
      close:
        target: done
        actions:
          - compute: rank_finals
  done:
    type: final
)";
    const Diagnostic error = single_refusal("demo", yaml);
    CHECK(error.where.line == line_of(yaml, "rank_finals"));
    CHECK(error.message == "unknown computation 'rank_finals' (did you mean 'rank_final'?)");
}

// A computation answers fields of its own choosing: a workflow naming it must hold each of them,
// with the type the computation gives it, or its results would be refused at every event.
TEST_CASE("a computation whose fields the workflow lacks or types otherwise is refused", "[loader][refusal]") {
    constexpr std::string_view yaml = R"(
name: demo
version: 1
initial: draft
data:
  contestants: array?
  winner: integer?
states:
  draft:
    on:
      close:
        target: done
        actions:
          - compute: rank_final
  done:
    type: final
)";
    const auto errors = load_refused({workflow_file("demo", yaml)});
    REQUIRE(errors.size() == 2);
    for (const auto& error : errors) CHECK(error.where.line == line_of(yaml, "rank_final"));
    CHECK(errors[0].message == "compute rank_final sets 'winner' to a string, but demo declares it an integer");
    CHECK(errors[1].message == "compute rank_final sets 'results' (a string), which is not a data field of demo");
}

TEST_CASE("a notify to an audience the workflow does not declare is refused", "[loader][refusal]") {
    constexpr std::string_view yaml = R"(
name: demo
version: 1
initial: draft
participants: [chair, organiser]
states:
  draft:
    on:
      close:
        target: done
        actions:
          - notify: {template: demo.closed, to: [chiar]}
  done:
    type: final
)";
    const Diagnostic error = single_refusal("demo", yaml);
    CHECK(error.where.line == line_of(yaml, "chiar"));
    CHECK(error.message ==
          "notify names audience 'chiar', which is not among the participants demo declares (did you mean 'chair'?)");
}

TEST_CASE("a timer `after` must be a duration", "[loader][refusal]") {
    constexpr std::string_view yaml = R"(
name: demo
version: 1
initial: draft
states:
  draft:
    timers:
      follow_up: {after: 1h1d, event: close}
    on:
      close: {target: done}
  done:
    type: final
)";
    const Diagnostic error = single_refusal("demo", yaml);
    CHECK(error.where.line == line_of(yaml, "1h1d"));
    CHECK(error.where.column == 26);
    CHECK(error.message == "timer 'follow_up': '1h1d' is not a valid duration (write e.g. 30m, 2h, 1d12h, 2w)");
}

TEST_CASE("a malformed duration inside a timer `at` points at the duration", "[loader][refusal]") {
    constexpr std::string_view yaml = R"(
name: demo
version: 1
initial: draft
data:
  starts_at: time?
states:
  draft:
    timers:
      remind: {at: starts_at - 1x, event: close}
    on:
      close: {target: done}
  done:
    type: final
)";
    const Diagnostic error = single_refusal("demo", yaml);
    CHECK(error.where.line == line_of(yaml, "1x"));
    // The column of `1x` itself: the expression starts at column 20 and `1x` is 12 bytes in.
    CHECK(error.where.column == 32);
    CHECK(error.message == "timer 'remind' at: '1x' is not a valid duration (write e.g. 30m, 2h, 1d12h, 2w)");
}

TEST_CASE("a malformed time literal in a check is refused where it stands", "[loader][refusal]") {
    constexpr std::string_view yaml = R"(
name: demo
version: 1
initial: draft
states:
  draft:
    on:
      close:
        target: done
        guard:
          - check: now < 2026-02-30T08:00:00+07:00
  done:
    type: final
)";
    const Diagnostic error = single_refusal("demo", yaml);
    CHECK(error.where.line == line_of(yaml, "2026-02-30"));
    CHECK(error.where.column == 26);
    CHECK(error.message == "check: '2026-02-30T08:00:00+07:00' is not a valid RFC 3339 time");
}

TEST_CASE("a timer needs exactly one of `at` and `after`", "[loader][refusal]") {
    constexpr std::string_view yaml = R"(
name: demo
version: 1
initial: draft
states:
  draft:
    timers:
      both: {at: now, after: 1d, event: close}
    on:
      close: {target: done}
  done:
    type: final
)";
    const Diagnostic error = single_refusal("demo", yaml);
    CHECK(error.where.line == line_of(yaml, "both:"));
    CHECK(error.message == "timer 'both' needs exactly one of `at:` (a time) or `after:` (a duration)");
}

TEST_CASE("a timer must fire an event its state handles", "[loader][refusal]") {
    constexpr std::string_view yaml = R"(
name: demo
version: 1
initial: draft
states:
  draft:
    timers:
      deadline:
        after: 2w
        event: expire
    on:
      expired: {target: done}
  done:
    type: final
)";
    const Diagnostic error = single_refusal("demo", yaml);
    CHECK(error.where.line == line_of(yaml, "after: 2w"));
    CHECK(error.message == "timer 'deadline' fires 'expire', which state 'draft' does not handle (did you mean 'expired'?)");
}

TEST_CASE("assign copies payload fields into data fields of the same type", "[loader][refusal]") {
    SECTION("a field the payload does not have") {
        constexpr std::string_view yaml = R"(
name: demo
version: 1
initial: draft
data:
  venue: string?
states:
  draft:
    on:
      move:
        payload: {place: string}
        assign: [venue]
      close: {target: done}
  done:
    type: final
)";
        const Diagnostic error = single_refusal("demo", yaml);
        CHECK(error.where.line == line_of(yaml, "assign: [venue]"));
        CHECK(error.message == "event 'move' assigns 'venue', which is not in its payload");
    }
    SECTION("a field the data does not have") {
        constexpr std::string_view yaml = R"(
name: demo
version: 1
initial: draft
data:
  venue: string?
states:
  draft:
    on:
      move:
        payload: {place: string}
        assign: all
      close: {target: done}
  done:
    type: final
)";
        const Diagnostic error = single_refusal("demo", yaml);
        CHECK(error.where.line == line_of(yaml, "assign: all"));
        CHECK(error.message ==
              "event 'move' assigns 'place', which is not a data field of demo: declare it under `data:`");
    }
    SECTION("a field of another type") {
        constexpr std::string_view yaml = R"(
name: demo
version: 1
initial: draft
data:
  starts_at: time?
states:
  draft:
    on:
      postpone:
        payload: {starts_at: string}
        assign: [starts_at]
      close: {target: done}
  done:
    type: final
)";
        const Diagnostic error = single_refusal("demo", yaml);
        CHECK(error.where.line == line_of(yaml, "assign: [starts_at]"));
        CHECK(error.message == "event 'postpone' assigns payload.starts_at (string) to data field starts_at (time)");
    }
}
