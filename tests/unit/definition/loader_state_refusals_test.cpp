// The loader refuses a definition the engine could not run, with file:line:column and a
// sentence that says what to change. This file: states and the paths between them — names,
// targets, reachability, ways out, final states, duplicates. Each fixture has one thing wrong.
#include <catch2/catch.hpp>

#include "support/catalogue_fixture.hpp"

using namespace seminarflow;
using namespace seminarflow::test;
using Catch::Matchers::Contains;

TEST_CASE("names are lower_snake_case", "[loader][refusal]") {
    constexpr std::string_view yaml = R"(
name: demo
version: 1
initial: draft
states:
  draft:
    on:
      close: {target: Done}
  Done:
    type: final
)";
    const Diagnostic error = single_refusal("demo", yaml);
    CHECK(error.where.line == line_of(yaml, "Done:"));
    CHECK(error.message == "state 'Done' must be lower_snake_case (a-z, 0-9, _), starting with a letter");
}

TEST_CASE("a transition to a state that does not exist is refused with a suggestion", "[loader][refusal]") {
    constexpr std::string_view yaml = R"(
name: demo
version: 1
initial: draft
states:
  draft:
    on:
      plan:
        target: planed
  planned:
    on:
      close: {target: done}
  done:
    type: final
)";
    const Diagnostic error = single_refusal("demo", yaml);
    CHECK(error.where.line == line_of(yaml, "planed"));
    CHECK(error.where.column == 17);
    CHECK(error.message == "event 'plan' goes to state 'planed', which does not exist (did you mean 'planned'?)");
}

TEST_CASE("an initial state that does not exist is refused with a suggestion", "[loader][refusal]") {
    constexpr std::string_view yaml = R"(
name: demo
version: 1
initial: drafft
states:
  draft:
    type: final
)";
    const Diagnostic error = single_refusal("demo", yaml);
    CHECK(error.where.line == line_of(yaml, "drafft"));
    CHECK(error.message == "initial state 'drafft' does not exist (did you mean 'draft'?)");
}

TEST_CASE("a state no path reaches from the initial state is refused", "[loader][refusal]") {
    constexpr std::string_view yaml = R"(
name: demo
version: 1
initial: draft
states:
  draft:
    on:
      close: {target: done}
  forgotten:
    on:
      close: {target: done}
  done:
    type: final
)";
    const Diagnostic error = single_refusal("demo", yaml);
    CHECK(error.where.line == line_of(yaml, "forgotten"));
    CHECK(error.where.column == 3);
    CHECK(error.message == "state 'forgotten' cannot be reached from the initial state 'draft'");
}

TEST_CASE("a state that is not final needs a way out", "[loader][refusal]") {
    SECTION("no `on:` at all") {
        constexpr std::string_view yaml = R"(
name: demo
version: 1
initial: draft
states:
  draft:
    on:
      wait: {target: stuck}
  stuck:
    description: waits for ever
)";
        const Diagnostic error = single_refusal("demo", yaml);
        CHECK(error.where.line == line_of(yaml, "stuck:"));
        CHECK(error.message == "state 'stuck' has no way out: give it `on:` events, or mark it `type: final`");
    }
    SECTION("an empty `on:`") {
        constexpr std::string_view yaml = R"(
name: demo
version: 1
initial: draft
states:
  draft:
    on: {}
)";
        const Diagnostic error = single_refusal("demo", yaml);
        CHECK(error.where.line == line_of(yaml, "draft:"));
        CHECK(error.message == "state 'draft' has no way out: give it `on:` events, or mark it `type: final`");
    }
    SECTION("nothing at all") {
        constexpr std::string_view yaml = R"(
name: demo
version: 1
initial: draft
states:
  draft:
)";
        const Diagnostic error = single_refusal("demo", yaml);
        CHECK(error.where.line == line_of(yaml, "draft:"));
        CHECK(error.message == "state 'draft' is empty: give it `on:` events, or `type: final`");
    }
}

TEST_CASE("a final state takes no events", "[loader][refusal]") {
    constexpr std::string_view yaml = R"(
name: demo
version: 1
initial: draft
states:
  draft:
    on:
      close: {target: done}
  done:
    type: final
    on:
      reopen: {target: draft}
)";
    const Diagnostic error = single_refusal("demo", yaml);
    CHECK(error.where.line == line_of(yaml, "done:"));
    CHECK(error.message == "state 'done' is final: it can have no events and no timers");
}

TEST_CASE("the only state type is final", "[loader][refusal]") {
    constexpr std::string_view yaml = R"(
name: demo
version: 1
initial: draft
states:
  draft:
    type: parallel
    on:
      close: {target: draft}
)";
    const Diagnostic error = single_refusal("demo", yaml);
    CHECK(error.where.line == line_of(yaml, "parallel"));
    CHECK(error.message == "state 'draft': the only state type is `final`");
}

TEST_CASE("an event listed twice in one state is refused", "[loader][refusal]") {
    // YAML parsers differ on duplicate keys; this one keeps both, and the loader must see them.
    constexpr std::string_view yaml = R"(
name: demo
version: 1
initial: draft
states:
  draft:
    on:
      close:
        target: done
      close:   # the same event again
        target: draft
  done:
    type: final
)";
    const Diagnostic error = single_refusal("demo", yaml);
    CHECK(error.where.line == line_of(yaml, "close:   #"));
    CHECK(error.where.column == 7);
    CHECK(error.message == "event 'close' is listed twice in state 'draft': one event, one transition");
}

TEST_CASE("a state defined twice is refused", "[loader][refusal]") {
    constexpr std::string_view yaml = R"(
name: demo
version: 1
initial: draft
states:
  draft:
    on:
      close: {target: done}
  done:
    type: final
  draft:   # again
    on:
      reopen: {target: done}
)";
    const Diagnostic error = single_refusal("demo", yaml);
    CHECK(error.where.line == line_of(yaml, "draft:   #"));
    CHECK(error.message == "state 'draft' is defined twice");
}

TEST_CASE("every problem of a file is reported, not only the first", "[loader][refusal]") {
    constexpr std::string_view yaml = R"(
name: demo
version: 1
initial: draft
states:
  draft:
    on:
      plan: {target: planed}
      close: {target: cloesd}
  closed:
    type: final
)";
    const auto errors = load_refused({workflow_file("demo", yaml)});
    INFO(formatted(errors));
    REQUIRE(errors.size() == 2);
    CHECK(errors[0].where.line == line_of(yaml, "planed"));
    CHECK(errors[1].where.line == line_of(yaml, "cloesd"));
    CHECK_THAT(errors[1].message, Contains("(did you mean 'closed'?)"));
}
