// The loader refuses a definition the engine could not run, with file:line:column and a
// sentence that says what to change. This file: the shape of the file — YAML, unknown keys at
// every level, the header. Each fixture is a small workflow with exactly one thing wrong.
#include <catch2/catch.hpp>

#include "support/catalogue_fixture.hpp"

using namespace seminarflow;
using namespace seminarflow::test;
using Catch::Matchers::StartsWith;

TEST_CASE("text that is not YAML is refused with the parser's position", "[loader][refusal]") {
    constexpr std::string_view yaml = R"(
name: demo
version: 1
initial: draft
states: x
  draft: y
)";
    const Diagnostic error = single_refusal("demo", yaml);
    CHECK(error.file == "workflows/demo.yaml");
    CHECK(error.where.line == line_of(yaml, "draft: y"));
    CHECK(error.message == "not valid YAML: illegal map value");
}

TEST_CASE("a definition must be a mapping", "[loader][refusal]") {
    const Diagnostic error = single_refusal("demo", "- name: demo\n- version: 1\n");
    CHECK(error.where.line == 1);
    CHECK(error.message == "a workflow definition must be a mapping of keys to values");
}

TEST_CASE("an unknown top-level key is refused with a suggestion", "[loader][refusal]") {
    constexpr std::string_view yaml = R"(
name: demo
version: 1
intial: draft
states:
  draft:
    type: final
)";
    const Diagnostic error = single_refusal("demo", yaml);
    CHECK(error.where.line == line_of(yaml, "intial"));
    CHECK(error.where.column == 1);
    CHECK(error.message ==
          "unknown key 'intial' in a workflow definition (did you mean 'initial'?); known keys: name, version, "
          "title, description, initial, parents, participants, data, states");
    CHECK(format_diagnostic(error) == "workflows/demo.yaml:3:1: " + error.message);
}

TEST_CASE("an unknown key in a state is refused with a suggestion", "[loader][refusal]") {
    constexpr std::string_view yaml = R"(
name: demo
version: 1
initial: draft
states:
  draft:
    enrty:
      - notify: demo.created
    on:
      close: {target: done}
  done:
    type: final
)";
    const Diagnostic error = single_refusal("demo", yaml);
    CHECK(error.where.line == line_of(yaml, "enrty"));
    CHECK(error.where.column == 5);
    CHECK(error.message ==
          "unknown key 'enrty' in state 'draft' (did you mean 'entry'?); known keys: type, description, entry, timers, on");
}

TEST_CASE("an unknown key in a transition is refused with a suggestion", "[loader][refusal]") {
    constexpr std::string_view yaml = R"(
name: demo
version: 1
initial: draft
states:
  draft:
    on:
      close:
        taget: done
  done:
    type: final
)";
    const Diagnostic error = single_refusal("demo", yaml);
    CHECK(error.where.line == line_of(yaml, "taget"));
    CHECK_THAT(error.message, StartsWith("unknown key 'taget' in event 'close' (did you mean 'target'?); known keys: "
                                         "target, roles, payload, assign, guard, actions"));
}

TEST_CASE("an unknown key in a timer is refused with a suggestion", "[loader][refusal]") {
    constexpr std::string_view yaml = R"(
name: demo
version: 1
initial: draft
states:
  draft:
    timers:
      soon:
        after: 1d
        evnt: close
    on:
      close: {target: done}
  done:
    type: final
)";
    const Diagnostic error = single_refusal("demo", yaml);
    CHECK(error.where.line == line_of(yaml, "evnt"));
    CHECK(error.message == "unknown key 'evnt' in timer 'soon' (did you mean 'event'?); known keys: at, after, event");
}

TEST_CASE("an unknown key in a field is refused with a suggestion", "[loader][refusal]") {
    constexpr std::string_view yaml = R"(
name: demo
version: 1
initial: draft
data:
  rounds: {type: integer, defualt: 3}
states:
  draft:
    type: final
)";
    const Diagnostic error = single_refusal("demo", yaml);
    CHECK(error.where.line == line_of(yaml, "defualt"));
    CHECK(error.where.column == 27);
    CHECK(error.message == "unknown key 'defualt' in field 'rounds' (did you mean 'default'?); known keys: type, "
                           "optional, one_of, default, description");
}

TEST_CASE("an unknown action is refused with a suggestion", "[loader][refusal]") {
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
          - notfy: demo.closed
  done:
    type: final
)";
    const Diagnostic error = single_refusal("demo", yaml);
    CHECK(error.where.line == line_of(yaml, "notfy"));
    CHECK(error.message == "unknown key 'notfy' in an action (did you mean 'notify'?); known keys: notify, set, "
                           "spawn, signal_parent, compute");
}

TEST_CASE("an unknown key inside an action is refused with a suggestion", "[loader][refusal]") {
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
          - notify: {template: demo.closed, too: [chair]}
  done:
    type: final
)";
    const Diagnostic error = single_refusal("demo", yaml);
    CHECK(error.where.line == line_of(yaml, "too:"));
    CHECK(error.message == "unknown key 'too' in notify (did you mean 'to'?); known keys: template, to");
}

TEST_CASE("an unknown guard condition is refused with a suggestion", "[loader][refusal]") {
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
          - chek: 1 > 0
  done:
    type: final
)";
    const Diagnostic error = single_refusal("demo", yaml);
    CHECK(error.where.line == line_of(yaml, "chek"));
    CHECK(error.message == "unknown key 'chek' in a guard condition (did you mean 'check'?); known keys: check, "
                           "children, named");
}

TEST_CASE("an unknown key in a children condition is refused with a suggestion", "[loader][refusal]") {
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
          - children: {workflow: demo, in: [draft], maxx: 0}
  done:
    type: final
)";
    const Diagnostic error = single_refusal("demo", yaml);
    CHECK(error.where.line == line_of(yaml, "maxx"));
    CHECK_THAT(error.message, StartsWith("unknown key 'maxx' in a children condition (did you mean 'max'?)"));
}

TEST_CASE("a key given twice in one mapping is refused", "[loader][refusal]") {
    constexpr std::string_view yaml = R"(
name: demo
version: 1
version: 2
initial: draft
states:
  draft:
    type: final
)";
    const Diagnostic error = single_refusal("demo", yaml);
    CHECK(error.where.line == line_of(yaml, "version: 2"));
    CHECK(error.message == "key 'version' is given twice in a workflow definition");
}

TEST_CASE("missing name, version, initial and states are each refused at the top of the file", "[loader][refusal]") {
    const std::string complete = "name: demo\nversion: 1\ninitial: draft\nstates:\n  draft:\n    type: final\n";
    const std::pair<std::string, std::string> cases[] = {
        {"name: demo\n", "a workflow needs `name:`, its lower_snake_case name (the file is named after it)"},
        {"version: 1\n", "a workflow needs `version:`, e.g. `version: 1`"},
        {"initial: draft\n", "a workflow needs `initial:`, the state a new instance starts in"},
        {"states:\n  draft:\n    type: final\n", "a workflow needs `states:`, a mapping of state names to states"},
    };
    for (const auto& [removed, message] : cases) {
        std::string yaml = "# a comment does not count as the start of the mapping\n" + complete;
        yaml.erase(yaml.find(removed), removed.size());
        INFO(yaml);
        const Diagnostic error = single_refusal("demo", yaml);
        CHECK(error.where.line == 2);
        CHECK(error.where.column == 1);
        CHECK(error.message == message);
    }
}

TEST_CASE("an empty file is refused", "[loader][refusal]") {
    const auto errors = load_refused({workflow_file("demo", "")});
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].file == "workflows/demo.yaml");
    CHECK(errors[0].message == "a workflow definition must be a mapping of keys to values");
}

TEST_CASE("a version must be a whole number from 1", "[loader][refusal]") {
    constexpr std::string_view yaml = "name: demo\nversion: one\ninitial: draft\nstates:\n  draft:\n    type: final\n";
    const Diagnostic error = single_refusal("demo", yaml);
    CHECK(error.where.line == 2);
    CHECK(error.where.column == 10);
    CHECK(error.message == "version must be a whole number");

    constexpr std::string_view zero = "name: demo\nversion: 0\ninitial: draft\nstates:\n  draft:\n    type: final\n";
    CHECK(single_refusal("demo", zero).message == "version must be 1 or more");
}

TEST_CASE("a workflow lives in a file named after it", "[loader][refusal]") {
    constexpr std::string_view yaml = R"(
name: seminar
version: 1
initial: draft
states:
  draft:
    type: final
)";
    const Diagnostic error = single_refusal("seminars", yaml);
    CHECK(error.file == "workflows/seminars.yaml");
    CHECK(error.where.line == line_of(yaml, "name: seminar"));
    CHECK(error.where.column == 7);
    CHECK(error.message == "workflow 'seminar' must live in a file named seminar.yaml, not seminars.yaml");
}
