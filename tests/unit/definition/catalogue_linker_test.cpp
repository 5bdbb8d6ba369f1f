// The checks that need every definition at hand: children spawned and counted, events signalled
// to a parent, a parent's fields read by a child, the types of every expression. A `meeting`
// spawns `part`s; each fixture below breaks one link between them.
#include <catch2/catch.hpp>

#include <algorithm>
#include <iterator>

#include "support/catalogue_fixture.hpp"

using namespace seminarflow;
using namespace seminarflow::test;

namespace {

constexpr std::string_view meeting_yaml = R"(
name: meeting
version: 1
initial: open
data:
  title: string
  starts_at: time?
  budget_vnd: {type: vnd, default: 0}
states:
  open:
    on:
      invite:
        roles: [organiser]
        payload: {units: array}
        actions:
          - spawn: {workflow: part, for_each: payload.units, data: {unit: item, weight: 1}}
      part_done:
        payload: {unit: string, score: 'integer?'}
      close:
        target: closed
        guard:
          - children: {workflow: part, in: [done], min: 1}
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
  weight: {type: integer, default: 1}
states:
  open:
    on:
      finish:
        target: done
        guard:
          - check: parent.budget_vnd >= 0
        actions:
          - signal_parent: {event: part_done, payload: {unit: unit, score: weight + 1}}
  done:
    type: final
)";

std::string replaced(std::string_view text, std::string_view from, std::string_view to) {
    std::string result(text);
    const auto at = result.find(from);
    REQUIRE(at != std::string::npos);
    result.replace(at, from.size(), to);
    return result;
}

// The only diagnostic for the pair of files, whichever of them it is about.
Diagnostic single_link_refusal(std::string_view meeting, std::string_view part) {
    const auto errors = load_refused({workflow_file("meeting", meeting), workflow_file("part", part)});
    INFO(formatted(errors));
    REQUIRE(errors.size() == 1);
    return errors.front();
}

}  // namespace

TEST_CASE("the fixtures link as written", "[linker]") {
    const Catalogue catalogue = load_ok({workflow_file("meeting", meeting_yaml), workflow_file("part", part_yaml)});
    const auto& guard = catalogue.find("part")->find_state("open")->find_transition("finish")->guard;
    CHECK(std::get<Comparison>(guard[0].test).left.type == ValueType::vnd);  // typed from the parent
}

TEST_CASE("a spawn of a workflow that does not exist is refused with a suggestion", "[linker][refusal]") {
    const std::string meeting = replaced(meeting_yaml, "{workflow: part, for_each", "{workflow: prt, for_each");
    const Diagnostic error = single_link_refusal(meeting, part_yaml);
    CHECK(error.file == "workflows/meeting.yaml");
    CHECK(error.where.line == line_of(meeting, "{workflow: prt"));
    CHECK(error.message == "workflow 'prt' does not exist (did you mean 'part'?)");
}

TEST_CASE("a child must list its parent under `parents:`", "[linker][refusal]") {
    const std::string part = replaced(part_yaml, "parents: [meeting]", "parents: [meeting_series]");
    constexpr std::string_view series_yaml = R"(
name: meeting_series
version: 1
initial: open
data:
  budget_vnd: vnd
states:
  open:
    on:
      part_done: {payload: {unit: string, score: integer}}
)";
    const auto errors = load_refused({workflow_file("meeting", meeting_yaml), workflow_file("part", part),
                                      workflow_file("meeting_series", series_yaml)});
    INFO(formatted(errors));
    // Spawned by `invite` and counted by `close`: both uses are refused, each at its line.
    REQUIRE(errors.size() == 2);
    CHECK(errors[0].file == "workflows/meeting.yaml");
    CHECK(errors[0].where.line == line_of(meeting_yaml, "- spawn:"));
    CHECK(errors[0].message == "workflow 'part' is used as a child of meeting but does not list it under `parents:`");
    CHECK(errors[1].where.line == line_of(meeting_yaml, "- children:"));
    CHECK(errors[1].message == errors[0].message);
}

TEST_CASE("a children condition must name states the child has", "[linker][refusal]") {
    const std::string meeting = replaced(meeting_yaml, "in: [done]", "in: [dne]");
    const Diagnostic error = single_link_refusal(meeting, part_yaml);
    CHECK(error.where.line == line_of(meeting, "in: [dne]"));
    CHECK(error.message == "children: part has no state 'dne' (did you mean 'done'?)");
}

TEST_CASE("a children bound must be a whole number", "[linker][refusal]") {
    const std::string meeting = replaced(meeting_yaml, "min: 1}", "min: title}");
    const Diagnostic error = single_link_refusal(meeting, part_yaml);
    CHECK(error.where.line == line_of(meeting, "min: title"));
    CHECK(error.message == "children: the bound 'title' must be a whole number");
}

TEST_CASE("signal_parent must send an event the parent handles", "[linker][refusal]") {
    const std::string part = replaced(part_yaml, "event: part_done", "event: part_finished");
    const Diagnostic error = single_link_refusal(meeting_yaml, part);
    CHECK(error.file == "workflows/part.yaml");
    CHECK(error.where.line == line_of(part, "- signal_parent:"));
    CHECK(error.message == "signal_parent: parent workflow meeting handles no event 'part_finished'");
}

TEST_CASE("signal_parent may only send payload fields the parent accepts", "[linker][refusal]") {
    const std::string part = replaced(part_yaml, "score: weight + 1", "grade: weight + 1");
    const Diagnostic error = single_link_refusal(meeting_yaml, part);
    CHECK(error.where.line == line_of(part, "- signal_parent:"));
    CHECK(error.message == "signal_parent sends 'grade', which meeting state 'open' event 'part_done' does not accept");
}

TEST_CASE("signal_parent must send the payload fields the parent requires", "[linker][refusal]") {
    const std::string part = replaced(part_yaml, "payload: {unit: unit, score: weight + 1}", "payload: {score: 2}");
    const Diagnostic error = single_link_refusal(meeting_yaml, part);
    CHECK(error.where.line == line_of(part, "- signal_parent:"));
    CHECK(error.message == "signal_parent does not send 'unit', which meeting state 'open' event 'part_done' requires");
}

TEST_CASE("signal_parent must send payload fields of the types the parent expects", "[linker][refusal]") {
    const std::string part = replaced(part_yaml, "score: weight + 1", "score: unit");
    const Diagnostic error = single_link_refusal(meeting_yaml, part);
    CHECK(error.message ==
          "signal_parent sends 'score' as a string, but meeting state 'open' event 'part_done' expects an integer");
}

TEST_CASE("signal_parent needs a parent to signal", "[linker][refusal]") {
    const std::string part = replaced(part_yaml, "parents: [meeting]\n", "");
    const auto errors = load_refused({workflow_file("part", part)});
    INFO(formatted(errors));
    // Reading parent.budget_vnd is refused too: there is no parent to read it from.
    REQUIRE(errors.size() == 2);
    CHECK(errors[0].where.line == line_of(part, "- check: parent.budget_vnd"));
    CHECK(errors[0].message == "check: parent.budget_vnd is read, but part declares no parents");
    CHECK(errors[1].where.line == line_of(part, "- signal_parent:"));
    CHECK(errors[1].message == "signal_parent: part declares no parents to signal");
}

TEST_CASE("parent.x must be a field of the parent", "[linker][refusal]") {
    const std::string part = replaced(part_yaml, "parent.budget_vnd >= 0", "parent.budjet_vnd >= 0");
    const Diagnostic error = single_link_refusal(meeting_yaml, part);
    CHECK(error.file == "workflows/part.yaml");
    CHECK(error.where.line == line_of(part, "parent.budjet_vnd"));
    CHECK(error.message ==
          "check: parent.budjet_vnd: parent workflow meeting has no data field 'budjet_vnd' (did you mean 'budget_vnd'?)");
}

TEST_CASE("a parent that does not exist is refused with a suggestion, and nothing else is said of it",
          "[linker][refusal]") {
    const std::string part = replaced(part_yaml, "parents: [meeting]", "parents: [meting]");
    const auto errors = load_refused({workflow_file("meeting", meeting_yaml), workflow_file("part", part)});
    INFO(formatted(errors));
    std::vector<Diagnostic> about_part;
    std::copy_if(errors.begin(), errors.end(), std::back_inserter(about_part),
                 [](const Diagnostic& error) { return error.file == "workflows/part.yaml"; });
    // Not "part declares no parents" for its parent.x and signal_parent: it declares one, misspelt.
    REQUIRE(about_part.size() == 1);
    CHECK(about_part[0].where.line == line_of(part, "parents: [meting]"));
    CHECK(about_part[0].where.column == 10);
    CHECK(about_part[0].message == "part names parent workflow 'meting', which does not exist (did you mean 'meeting'?)");
    // The meeting still spawns a part that no longer lists it.
    CHECK(errors.size() == 3);
}

TEST_CASE("a timer `at` must be a time", "[linker][refusal]") {
    const std::string meeting = replaced(meeting_yaml, "  open:\n    on:\n",
                                         "  open:\n    timers:\n      remind: {at: title, event: part_done}\n    on:\n");
    const Diagnostic error = single_link_refusal(meeting, part_yaml);
    CHECK(error.where.line == line_of(meeting, "remind: {at: title"));
    CHECK(error.message == "timer 'remind': `at: title` must be a time, not a string");
}

TEST_CASE("a timer `at` reads data, not an event payload", "[linker][refusal]") {
    const std::string meeting = replaced(meeting_yaml, "  open:\n    on:\n",
                                         "  open:\n    timers:\n      remind: {at: payload.starts_at, event: close}\n    on:\n");
    const Diagnostic error = single_link_refusal(meeting, part_yaml);
    CHECK(error.where.line == line_of(meeting, "remind: {at:"));
    CHECK(error.message == "timer 'remind': there is no event payload here to read payload.starts_at from");
}

TEST_CASE("set refuses an expression of another type than its field", "[linker][refusal]") {
    const std::string meeting = replaced(meeting_yaml, "payload: {unit: string, score: 'integer?'}",
                                         "payload: {unit: string, score: 'integer?'}\n"
                                         "        actions:\n"
                                         "          - set: {title: starts_at + 1d}");
    const Diagnostic error = single_link_refusal(meeting, part_yaml);
    CHECK(error.where.line == line_of(meeting, "- set:"));
    CHECK(error.message == "set: title is a string, but 'starts_at + 1d' is a time");
}

TEST_CASE("set refuses a field the workflow does not declare", "[linker][refusal]") {
    const std::string meeting = replaced(meeting_yaml, "payload: {unit: string, score: 'integer?'}",
                                         "payload: {unit: string, score: 'integer?'}\n"
                                         "        actions:\n"
                                         "          - set: {titel: payload.unit}");
    const Diagnostic error = single_link_refusal(meeting, part_yaml);
    CHECK(error.where.line == line_of(meeting, "- set:"));
    CHECK(error.message == "set: 'titel' is not a data field of meeting (did you mean 'title'?)");
}

TEST_CASE("spawn data must fit the child's fields", "[linker][refusal]") {
    SECTION("a field the child does not have") {
        const std::string meeting = replaced(meeting_yaml, "data: {unit: item, weight: 1}", "data: {unit: item, wieght: 1}");
        const Diagnostic error = single_link_refusal(meeting, part_yaml);
        CHECK(error.where.line == line_of(meeting, "- spawn:"));
        CHECK(error.message == "spawn data: 'wieght' is not a data field of part (did you mean 'weight'?)");
    }
    SECTION("a value of another type") {
        const std::string meeting = replaced(meeting_yaml, "data: {unit: item, weight: 1}", "data: {unit: item, weight: title}");
        const Diagnostic error = single_link_refusal(meeting, part_yaml);
        CHECK(error.message == "spawn data: weight is an integer, but 'title' is a string");
    }
    SECTION("a required field not given") {
        const std::string meeting = replaced(meeting_yaml, "data: {unit: item, weight: 1}", "data: {weight: 2}");
        const Diagnostic error = single_link_refusal(meeting, part_yaml);
        CHECK(error.where.line == line_of(meeting, "- spawn:"));
        CHECK(error.message == "spawn of part does not give 'unit', which part requires");
    }
    SECTION("for_each over something that is not a list") {
        const std::string meeting = replaced(meeting_yaml, "for_each: payload.units", "for_each: title");
        const Diagnostic error = single_link_refusal(meeting, part_yaml);
        CHECK(error.message == "spawn for_each: 'title' must be a list");
    }
    SECTION("item outside for_each") {
        const std::string meeting = replaced(meeting_yaml, "for_each: payload.units, ", "");
        const Diagnostic error = single_link_refusal(meeting, part_yaml);
        CHECK(error.message == "spawn data: 'item' only has a meaning inside spawn with for_each");
    }
}

TEST_CASE("two files defining the same workflow are refused", "[linker][refusal]") {
    const auto errors = load_refused({workflow_file("meeting", meeting_yaml), workflow_file("part", part_yaml),
                                      SourceFile{"archive/part.yaml", std::string(part_yaml.substr(1))}});
    INFO(formatted(errors));
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].file == "archive/part.yaml");
    CHECK(errors[0].where.line == line_of(part_yaml, "name: part"));
    CHECK(errors[0].message == "workflow 'part' is also defined in workflows/part.yaml");
}

TEST_CASE("every file's problems are reported together", "[linker][refusal]") {
    const std::string meeting = replaced(meeting_yaml, "in: [done]", "in: [dne]");
    const std::string part = replaced(part_yaml, "event: part_done", "event: part_finished");
    const auto errors = load_refused({workflow_file("meeting", meeting), workflow_file("part", part)});
    INFO(formatted(errors));
    REQUIRE(errors.size() == 2);
    CHECK(errors[0].file == "workflows/meeting.yaml");
    CHECK(errors[1].file == "workflows/part.yaml");
}
