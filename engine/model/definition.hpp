#pragma once
// A workflow definition: one state machine, loaded from workflows/NAME.yaml and immutable
// afterwards. The interpreter reads it; the loader (engine/definition) is the only writer.
#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <variant>
#include <vector>

#include "engine/model/expression.hpp"
#include "engine/model/field.hpp"
#include "engine/model/result.hpp"
#include "engine/model/role.hpp"
#include "engine/model/source_location.hpp"

namespace seminarflow {

struct Instance;
struct Event;

// ---- guards -------------------------------------------------------------------------------

// How many children of `workflow` are (or, with `outside`, are not) in `states`, within bounds.
struct ChildCountCondition {
    std::string workflow;
    std::vector<std::string> states;
    bool outside = false;
    std::optional<Expression> min;
    std::optional<Expression> max;
    std::string source;
};

// A guard beyond what the declarative conditions say, implemented in C++ (NamedGuards).
// It answers why it refuses, or nothing when it lets the event through.
using NamedGuardCheck = std::function<std::optional<std::string>(const Instance&, const Event&)>;

struct NamedCondition {
    std::string name;
    NamedGuardCheck check;
};

struct Condition {
    std::variant<Comparison, ChildCountCondition, NamedCondition> test;
    SourceLocation where;
};

// ---- actions ------------------------------------------------------------------------------

struct FieldExpression {
    std::string field;
    Expression value;
};

struct NotifyAction {
    std::string template_name;
    std::vector<std::string> audience;  // participant roles; empty means every participant
};

struct SetAction {
    std::vector<FieldExpression> fields;
};

struct SpawnAction {
    std::string workflow;
    std::optional<Expression> for_each;  // one child per element of this list, else one child
    std::vector<FieldExpression> data;
};

struct SignalParentAction {
    std::string event;
    std::vector<FieldExpression> payload;
};

// Data the declarative actions cannot compute (a ranking and its tie-break), implemented in C++
// (NamedComputations) and named in definitions: `compute: rank_final`. It reads the data as the
// actions before it left them, and the payload; it answers the data fields it sets, or why the
// event is refused (a contestant who is not registered).
struct ComputationInput {
    const boost::json::object& data;
    const boost::json::object& payload;
};
using ComputationOutcome = Result<boost::json::object, std::string>;

struct NamedComputation {
    // Every field it may set, with its type: a definition naming it must have them all.
    std::vector<std::pair<std::string, ValueType>> sets;
    std::function<ComputationOutcome(const ComputationInput&)> run;
};

struct ComputeAction {
    std::string name;
    NamedComputation computation;
};

struct Action {
    std::variant<NotifyAction, SetAction, SpawnAction, SignalParentAction, ComputeAction> kind;
    SourceLocation where;
};

// ---- states and transitions ----------------------------------------------------------------

struct TimerSpec {
    std::string name;
    std::optional<Expression> at;       // an absolute time or one computed from data fields
    std::optional<Duration> after;      // or: this long after the state is entered
    std::string event;                  // fired at the due time, by the `system` actor
    std::vector<std::string> anchors;   // the data fields `at` reads: changing one moves the timer
    SourceLocation where;
};

struct Transition {
    std::string event;
    std::optional<std::size_t> target;  // index into Definition::states; none: stay (internal)
    RoleSet roles;                      // besides admin and system, who always may
    std::vector<FieldSpec> payload;
    std::vector<std::string> assign;    // payload fields copied into data
    std::vector<Condition> guard;       // all must hold
    std::vector<Action> actions;
    SourceLocation where;
    // A timer of this workflow fires the event, or a child workflow signals it (set when the
    // catalogue is linked): the engine sends it, whoever else may.
    bool sent_by_engine = false;
};

struct StringHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view text) const noexcept { return std::hash<std::string_view>{}(text); }
};
template <class T>
using StringMap = std::unordered_map<std::string, T, StringHash, std::equal_to<>>;

struct State {
    std::string name;
    bool final = false;
    std::vector<Action> entry;
    std::vector<TimerSpec> timers;
    std::vector<Transition> transitions;
    StringMap<std::size_t> transition_by_event;
    SourceLocation where;

    const Transition* find_transition(std::string_view event) const;
};

struct Definition {
    std::string name;
    int version = 0;
    std::string title;
    std::string file;                       // where it was loaded from, for messages
    std::string source;                     // the YAML text, kept for the store and for checksums
    SourceLocation where;                   // of its `name:`, for what is said about it as a whole
    SourceLocation parents_where;           // of its `parents:` list
    std::size_t initial = 0;
    std::vector<std::string> parents;       // workflows that may spawn this one
    std::vector<std::string> participants;  // audiences a notify may name
    std::vector<FieldSpec> data;
    std::vector<State> states;
    StringMap<std::size_t> state_by_name;
    StringMap<std::size_t> field_by_name;

    const State* find_state(std::string_view name) const;
    const FieldSpec* find_field(std::string_view name) const;
    // Whether any state handles the event (tells "not here" from "never").
    bool handles_anywhere(std::string_view event) const;
};

}  // namespace seminarflow
