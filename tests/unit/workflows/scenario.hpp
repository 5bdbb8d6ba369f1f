#pragma once
// A walk scenario: a story told to one shipped workflow, step by step, with what must happen
// after each step. Scenarios are data (tests/unit/workflows/walks/NAME.json), so that a
// transition added to a definition is walked by adding a step, not code. The format is
// described in walks/README.md.
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "engine/model/instance.hpp"
#include "engine/model/role.hpp"
#include "engine/model/time.hpp"

namespace seminarflow::test {

// One effect a decision must carry out, matched against the decision's effects in order.
struct ExpectedEffect {
    enum class Kind { notify, schedule, cancel, spawn, signal };
    Kind kind = Kind::notify;
    std::string name;                            // template, timer, child workflow or parent event
    std::vector<std::string> audience;           // notify: empty means every participant
    std::optional<Time> due;                     // schedule
    std::optional<std::string> event;            // schedule: the event the timer fires
    std::size_t count = 1;                       // spawn: how many children, one after another
    std::vector<boost::json::object> child_data; // spawn: fields each child's data must hold, in order
    boost::json::object each;                    // spawn: fields every child's data must hold
    boost::json::object payload;                 // signal: fields the payload must hold
};

struct Expectation {
    std::optional<std::string> state;          // after the step (unchanged when rejected)
    std::optional<boost::json::object> data;   // fields the data must hold; null: not set
    std::optional<std::vector<ExpectedEffect>> effects;  // every effect, in order
    std::optional<std::string> rejected;       // a rejection kind, e.g. "guard_failed"
    std::optional<std::string> rule;           // what refused, as the rejection names it
    std::optional<std::string> message;        // a part of the rejection's sentence
};

struct ScenarioStep {
    std::string event;
    Role role = Role::admin;
    boost::json::object payload;
    Time at{};                                   // the `now` the event is decided at
    std::string at_text;
    // The runtime reloads children and the parent's data for every event: a step may say
    // what they are now. Children replace the previous counts; parent data is merged.
    std::optional<std::vector<ChildCount>> children;
    std::optional<boost::json::object> parent_data;
    Expectation expect;
};

struct ScenarioStart {
    std::optional<std::string> state;  // given: the instance is placed there; absent: start()
    boost::json::object data;
    std::optional<boost::json::object> parent_data;  // given: the instance has a parent
    std::vector<ChildCount> children;
    Time at{};
    std::string at_text;
    Expectation expect;
};

struct Scenario {
    std::string name;
    ScenarioStart start;
    std::vector<ScenarioStep> steps;
};

struct ScenarioFile {
    std::string workflow;
    std::vector<Scenario> scenarios;
};

// Reads a scenario file: JSON with comments and trailing commas allowed. Unknown keys,
// malformed times, roles and effects are refused (a typo must not silently skip a check):
// throws std::runtime_error naming the file, the scenario and the step.
ScenarioFile read_scenario_file(const std::filesystem::path& path);

}  // namespace seminarflow::test
