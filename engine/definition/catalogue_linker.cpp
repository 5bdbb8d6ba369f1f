#include "engine/definition/catalogue_linker.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <string>

#include "engine/definition/suggest.hpp"
#include "engine/definition/type_checker.hpp"

namespace seminarflow {
namespace {

bool is_whole_number(ValueType type) {
    return type == ValueType::integer || type == ValueType::vnd || type == ValueType::any;
}

class Linker {
public:
    explicit Linker(std::vector<Definition>& definitions) : definitions_(definitions) {
        for (const auto& definition : definitions_) names_.push_back(definition.name);
    }

    std::vector<Diagnostic> run() {
        std::vector<Diagnostic> diagnostics;
        for (auto& definition : definitions_) {
            DiagnosticSink sink(definition.file);
            link(definition, sink);
            diagnostics.insert(diagnostics.end(), sink.diagnostics().begin(), sink.diagnostics().end());
        }
        mark_engine_events();
        return diagnostics;
    }

private:
    // Marks the transitions whose event the engine itself sends: a timer's of the same workflow,
    // or a signal_parent's of a child workflow (every version of the parent by that name).
    void mark_engine_events() {
        std::map<std::string, std::set<std::string>, std::less<>> sent;  // workflow name: events
        const auto signals_in = [&](const Definition& child, const std::vector<Action>& actions) {
            for (const auto& action : actions) {
                const auto* signal = std::get_if<SignalParentAction>(&action.kind);
                if (!signal) continue;
                for (const auto& parent : child.parents) sent[parent].insert(signal->event);
            }
        };
        for (const auto& definition : definitions_) {
            for (const auto& state : definition.states) {
                for (const auto& timer : state.timers) sent[definition.name].insert(timer.event);
                signals_in(definition, state.entry);
                for (const auto& transition : state.transitions) signals_in(definition, transition.actions);
            }
        }
        for (auto& definition : definitions_) {
            const auto events = sent.find(definition.name);
            if (events == sent.end()) continue;
            for (auto& state : definition.states) {
                for (auto& transition : state.transitions) transition.sent_by_engine = events->second.contains(transition.event);
            }
        }
    }

    const Definition* find(std::string_view name) const {
        for (const auto& definition : definitions_) {
            if (definition.name == name) return &definition;
        }
        return nullptr;
    }

    void link(Definition& definition, DiagnosticSink& sink) {
        TypeEnvironment environment;
        environment.definition = &definition;
        bool parents_known = true;
        for (const auto& parent_name : definition.parents) {
            if (const Definition* parent = find(parent_name)) {
                environment.parents.push_back(parent);
            } else {
                sink.error(definition.parents_where, definition.name + " names parent workflow '" + parent_name +
                                                         "', which does not exist" + did_you_mean(parent_name, names_));
                parents_known = false;
            }
        }
        // Every parent.x and signal_parent would be judged against the wrong parents, and say
        // so in misleading words ("declares no parents"): the name is fixed first.
        if (!parents_known) return;
        for (auto& state : definition.states) {
            for (auto& timer : state.timers) {
                if (!timer.at) continue;
                if (auto problem = check_expression(*timer.at, environment)) {
                    sink.error(timer.where, "timer '" + timer.name + "': " + *problem);
                } else if (timer.at->type != ValueType::time && timer.at->type != ValueType::any) {
                    sink.error(timer.where, "timer '" + timer.name + "': `at: " + timer.at->source +
                                                "` must be a time, not " + a_type_name(timer.at->type));
                }
            }
            for (auto& action : state.entry) link_action(definition, action, environment, sink);
            for (auto& transition : state.transitions) {
                TypeEnvironment with_payload = environment;
                with_payload.payload = &transition.payload;
                for (auto& condition : transition.guard) link_condition(definition, condition, with_payload, sink);
                with_payload.optional_payload_readable = false;
                for (auto& action : transition.actions) link_action(definition, action, with_payload, sink);
            }
        }
    }

    void link_condition(const Definition& definition, Condition& condition, const TypeEnvironment& environment,
                        DiagnosticSink& sink) {
        if (auto* comparison = std::get_if<Comparison>(&condition.test)) {
            if (auto problem = check_comparison(*comparison, environment)) sink.error(condition.where, "check: " + *problem);
            return;
        }
        auto* children = std::get_if<ChildCountCondition>(&condition.test);
        if (!children) return;  // named guards were resolved when the file was read
        const Definition* child = child_workflow(definition, children->workflow, condition.where, sink);
        if (child) {
            for (const auto& state : children->states) {
                if (!child->find_state(state)) {
                    std::vector<std::string> states;
                    for (const auto& known : child->states) states.push_back(known.name);
                    sink.error(condition.where, "children: " + child->name + " has no state '" + state + "'" +
                                                    did_you_mean(state, states));
                }
            }
        }
        for (auto* bound : {&children->min, &children->max}) {
            if (!*bound) continue;
            if (auto problem = check_expression(**bound, environment)) {
                sink.error(condition.where, "children: " + *problem);
            } else if (!is_whole_number((*bound)->type)) {
                sink.error(condition.where, "children: the bound '" + (*bound)->source + "' must be a whole number");
            }
        }
    }

    // The child workflow `name`, which must declare `definition` among its parents.
    const Definition* child_workflow(const Definition& definition, const std::string& name, SourceLocation where,
                                     DiagnosticSink& sink) {
        const Definition* child = find(name);
        if (!child) {
            sink.error(where, "workflow '" + name + "' does not exist" + did_you_mean(name, names_));
            return nullptr;
        }
        if (std::find(child->parents.begin(), child->parents.end(), definition.name) == child->parents.end()) {
            sink.error(where, "workflow '" + name + "' is used as a child of " + definition.name +
                                  " but does not list it under `parents:`");
        }
        return child;
    }

    void link_fields(std::vector<FieldExpression>& fields, const Definition& target, const std::string& what,
                     const TypeEnvironment& environment, SourceLocation where, DiagnosticSink& sink) {
        for (auto& [field_name, value] : fields) {
            if (auto problem = check_expression(value, environment)) {
                sink.error(where, what + ": " + *problem);
                continue;
            }
            const FieldSpec* field = target.find_field(field_name);
            if (!field) {
                std::vector<std::string> known;
                for (const auto& data : target.data) known.push_back(data.name);
                sink.error(where, what + ": '" + field_name + "' is not a data field of " + target.name +
                                      did_you_mean(field_name, known));
            } else if (!assignable(field->type, value.type)) {
                sink.error(where, what + ": " + field_name + " is " + a_type_name(field->type) + ", but '" +
                                      value.source + "' is " + a_type_name(value.type));
            }
        }
    }

    void link_action(const Definition& definition, Action& action, const TypeEnvironment& environment,
                     DiagnosticSink& sink) {
        if (auto* set = std::get_if<SetAction>(&action.kind)) {
            link_fields(set->fields, definition, "set", environment, action.where, sink);
        } else if (auto* spawn = std::get_if<SpawnAction>(&action.kind)) {
            link_spawn(definition, *spawn, environment, action.where, sink);
        } else if (auto* signal = std::get_if<SignalParentAction>(&action.kind)) {
            link_signal(definition, *signal, environment, action.where, sink);
        }
    }

    void link_spawn(const Definition& definition, SpawnAction& spawn, const TypeEnvironment& environment,
                    SourceLocation where, DiagnosticSink& sink) {
        const Definition* child = child_workflow(definition, spawn.workflow, where, sink);
        TypeEnvironment item_environment = environment;
        if (spawn.for_each) {
            if (auto problem = check_expression(*spawn.for_each, environment)) {
                sink.error(where, "spawn for_each: " + *problem);
            } else if (spawn.for_each->type != ValueType::array && spawn.for_each->type != ValueType::any) {
                sink.error(where, "spawn for_each: '" + spawn.for_each->source + "' must be a list");
            }
            item_environment.has_item = true;
        }
        if (!child) return;
        link_fields(spawn.data, *child, "spawn data", item_environment, where, sink);
        // The child is started with exactly this data: a field it requires and is not given
        // would refuse every spawn at run time, so refuse the definition now.
        for (const auto& field : child->data) {
            if (field.optional || field.fallback) continue;
            const bool given = std::any_of(spawn.data.begin(), spawn.data.end(),
                                           [&](const FieldExpression& data) { return data.field == field.name; });
            if (!given) {
                sink.error(where, "spawn of " + child->name + " does not give '" + field.name + "', which " +
                                      child->name + " requires");
            }
        }
    }

    void link_signal(const Definition& definition, SignalParentAction& signal, const TypeEnvironment& environment,
                     SourceLocation where, DiagnosticSink& sink) {
        if (environment.parents.empty()) {
            sink.error(where, "signal_parent: " + definition.name + " declares no parents to signal");
            return;
        }
        for (auto& [field_name, value] : signal.payload) {
            if (auto problem = check_expression(value, environment)) sink.error(where, "signal_parent: " + *problem);
        }
        for (const Definition* parent : environment.parents) {
            bool handled = false;
            for (const auto& state : parent->states) {
                const Transition* transition = state.find_transition(signal.event);
                if (!transition) continue;
                handled = true;
                check_signal_payload(signal, *parent, state, *transition, where, sink);
            }
            if (!handled) {
                sink.error(where, "signal_parent: parent workflow " + parent->name + " handles no event '" +
                                      signal.event + "'");
            }
        }
    }

    static void check_signal_payload(const SignalParentAction& signal, const Definition& parent, const State& state,
                                     const Transition& transition, SourceLocation where, DiagnosticSink& sink) {
        const std::string context = parent.name + " state '" + state.name + "' event '" + signal.event + "'";
        for (const auto& [field_name, value] : signal.payload) {
            const auto& sent = field_name;  // named: clang 14 cannot capture a structured binding (C++20 can)
            const auto spec = std::find_if(transition.payload.begin(), transition.payload.end(),
                                           [&](const FieldSpec& field) { return field.name == sent; });
            if (spec == transition.payload.end()) {
                sink.error(where, "signal_parent sends '" + field_name + "', which " + context + " does not accept");
            } else if (!assignable(spec->type, value.type)) {
                sink.error(where, "signal_parent sends '" + field_name + "' as " + a_type_name(value.type) + ", but " +
                                      context + " expects " + a_type_name(spec->type));
            }
        }
        for (const auto& spec : transition.payload) {
            const bool sent = std::any_of(signal.payload.begin(), signal.payload.end(),
                                          [&](const FieldExpression& field) { return field.field == spec.name; });
            if (!spec.optional && !sent) {
                sink.error(where, "signal_parent does not send '" + spec.name + "', which " + context + " requires");
            }
        }
    }

    std::vector<Definition>& definitions_;
    std::vector<std::string> names_;
};

}  // namespace

std::vector<Diagnostic> link_definitions(std::vector<Definition>& definitions) { return Linker(definitions).run(); }

}  // namespace seminarflow
