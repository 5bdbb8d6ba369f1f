#include "engine/interpreter/interpreter.hpp"

#include <algorithm>
#include <optional>

#include "engine/interpreter/evaluator.hpp"
#include "engine/interpreter/payload_check.hpp"
#include "engine/interpreter/sendable_events.hpp"

namespace seminarflow {
namespace {

Rejection reject(RejectionKind kind, std::string rule, std::string message) {
    return Rejection{kind, std::move(rule), std::move(message)};
}

std::string allowed_roles(const RoleSet& roles) {
    std::string text = "admin";
    for (const Role role : {Role::organiser, Role::member, Role::reviewer, Role::viewer}) {
        if (roles.contains(role)) text += ", " + std::string(role_name(role));
    }
    return text;
}

std::string events_of(const State& state) {
    std::string text;
    for (const auto& transition : state.transitions) text += (text.empty() ? "" : ", ") + transition.event;
    return text;
}

// Carries out actions, writing data into `decision.data_patch` and effects into `decision.effects`.
class ActionRunner {
public:
    ActionRunner(const Definition& definition, const Instance& instance, const boost::json::object* payload, Time now,
                 Decision& decision)
        : definition_(definition), instance_(instance), payload_(payload), now_(now), decision_(decision) {}

    std::optional<Rejection> run(const std::vector<Action>& actions) {
        for (const auto& action : actions) {
            if (auto rejection = std::visit([this](const auto& kind) { return apply(kind); }, action.kind)) {
                return rejection;
            }
        }
        return std::nullopt;
    }

    void enter(const State& state) {
        for (const auto& timer : state.timers) schedule(timer);
    }

    void leave(const State& state) {
        for (const auto& timer : state.timers) decision_.effects.emplace_back(CancelTimer{timer.name});
    }

    // Staying in `state`: a timer whose `at` reads a field this decision changed moves with it.
    void move_timers(const State& state) {
        for (const auto& timer : state.timers) {
            const bool moved = std::any_of(timer.anchors.begin(), timer.anchors.end(), [&](const std::string& field) {
                return decision_.data_patch.contains(field);
            });
            if (moved && !schedule(timer)) decision_.effects.emplace_back(CancelTimer{timer.name});
        }
    }

private:
    EvaluationContext context(const boost::json::value* item = nullptr) const {
        return EvaluationContext{definition_,
                                 instance_.data,
                                 decision_.data_patch,
                                 payload_,
                                 instance_.parent_data ? &*instance_.parent_data : nullptr,
                                 item,
                                 now_};
    }

    // A timer whose time cannot be computed yet (its date is not set) waits: it is scheduled
    // when the field it reads is set while the state is held.
    bool schedule(const TimerSpec& timer) {
        Time due = now_ + timer.after.value_or(Duration{0});
        if (timer.at) {
            auto value = evaluate(*timer.at, context());
            if (!value || !std::holds_alternative<Time>(value.value())) return false;
            due = std::get<Time>(value.value());
        }
        decision_.effects.emplace_back(ScheduleTimer{timer.name, due, timer.event});
        return true;
    }

    std::optional<Rejection> apply(const NotifyAction& notify) {
        decision_.effects.emplace_back(Notify{notify.template_name, notify.audience});
        return std::nullopt;
    }

    std::optional<Rejection> apply(const SetAction& set) {
        for (const auto& [field, expression] : set.fields) {
            auto value = evaluate_json(expression, context());
            if (!value) return failed("set " + field, value.error());
            boost::json::value json = std::move(value).value();
            if (const FieldSpec* spec = definition_.find_field(field)) {
                if (auto problem = type_problem(*spec, json)) return failed("set " + field, field + ": " + *problem);
            }
            decision_.data_patch[field] = std::move(json);
        }
        return std::nullopt;
    }

    std::optional<Rejection> apply(const SpawnAction& spawn) {
        if (!spawn.for_each) return spawn_one(spawn, nullptr);
        auto list = evaluate(*spawn.for_each, context());
        if (!list) return failed("spawn " + spawn.workflow, list.error());
        const boost::json::array* items = list_of(list.value());
        if (!items) return failed("spawn " + spawn.workflow, "'" + spawn.for_each->source + "' is not a list");
        for (const auto& item : *items) {
            if (auto rejection = spawn_one(spawn, &item)) return rejection;
        }
        return std::nullopt;
    }

    std::optional<Rejection> spawn_one(const SpawnAction& spawn, const boost::json::value* item) {
        SpawnChild child{spawn.workflow, {}};
        auto rejection = fill(spawn.data, context(item), "spawn " + spawn.workflow, child.data);
        if (rejection) return rejection;
        decision_.effects.emplace_back(std::move(child));
        return std::nullopt;
    }

    std::optional<Rejection> apply(const SignalParentAction& signal) {
        if (!instance_.parent) return std::nullopt;  // started on its own: nobody to tell
        SignalParent effect{signal.event, {}};
        if (auto rejection = fill(signal.payload, context(), "signal_parent " + signal.event, effect.payload)) {
            return rejection;
        }
        decision_.effects.emplace_back(std::move(effect));
        return std::nullopt;
    }

    // A computation's refusal is about the event (the contestant it names is not registered),
    // so it refuses like a guard; the fields it answers are checked as `set` checks its own.
    std::optional<Rejection> apply(const ComputeAction& compute) {
        boost::json::object data = instance_.data;
        for (const auto& [field, value] : decision_.data_patch) data[field] = value;
        static const boost::json::object no_payload;
        auto computed = compute.computation.run(ComputationInput{data, payload_ ? *payload_ : no_payload});
        if (!computed) return reject(RejectionKind::guard_failed, compute.name, computed.error());
        for (auto& [field, value] : computed.value()) {
            const FieldSpec* spec = definition_.find_field(field);
            if (!spec) return failed("compute " + compute.name, "it set '" + std::string(field) + "', not a data field");
            if (auto problem = type_problem(*spec, value)) {
                return failed("compute " + compute.name, std::string(field) + ": " + *problem);
            }
            decision_.data_patch[field] = std::move(value);
        }
        return std::nullopt;
    }

    std::optional<Rejection> fill(const std::vector<FieldExpression>& fields, const EvaluationContext& where,
                                  const std::string& rule, boost::json::object& out) {
        out.reserve(fields.size());
        for (const auto& [field, expression] : fields) {
            auto value = evaluate_json(expression, where);
            if (!value) return failed(rule, value.error());
            out.emplace(field, std::move(value).value());
        }
        return std::nullopt;
    }

    static Rejection failed(std::string rule, const std::string& why) {
        return reject(RejectionKind::action_failed, std::move(rule), "the transition cannot be carried out: " + why);
    }

    const Definition& definition_;
    const Instance& instance_;
    const boost::json::object* payload_;
    Time now_;
    Decision& decision_;
};

std::optional<Rejection> check_children(const ChildCountCondition& condition, const Instance& instance,
                                        const EvaluationContext& context) {
    std::int64_t count = 0;
    for (const auto& child : instance.children) {
        if (child.workflow != condition.workflow) continue;
        const bool listed = std::find(condition.states.begin(), condition.states.end(), child.state) != condition.states.end();
        if (listed != condition.outside) count += child.count;
    }
    for (const auto& [bound, at_least] : {std::pair{&condition.min, true}, std::pair{&condition.max, false}}) {
        if (!*bound) continue;
        auto limit = evaluate(**bound, context);
        if (!limit) return reject(RejectionKind::guard_failed, condition.source, limit.error());
        const auto* value = std::get_if<std::int64_t>(&limit.value());
        if (!value) return reject(RejectionKind::guard_failed, condition.source, "'" + (*bound)->source + "' is not a whole number");
        if (at_least ? count < *value : count > *value) {
            return reject(RejectionKind::guard_failed, condition.source,
                          "condition '" + condition.source + "' does not hold: there are " + std::to_string(count));
        }
    }
    return std::nullopt;
}

std::optional<Rejection> check_guard(const Definition& definition, const Transition& transition,
                                     const Instance& instance, const Event& event, Time now) {
    const boost::json::object no_patch;
    const EvaluationContext context{definition,
                                    instance.data,
                                    no_patch,
                                    &event.payload,
                                    instance.parent_data ? &*instance.parent_data : nullptr,
                                    nullptr,
                                    now};
    for (const auto& condition : transition.guard) {
        if (const auto* comparison = std::get_if<Comparison>(&condition.test)) {
            auto holds = evaluate(*comparison, context);
            if (!holds) return reject(RejectionKind::guard_failed, comparison->source, holds.error());
            if (!holds.value()) {
                return reject(RejectionKind::guard_failed, comparison->source,
                              "condition '" + comparison->source + "' does not hold: " +
                                  describe_failure(*comparison, context));
            }
        } else if (const auto* children = std::get_if<ChildCountCondition>(&condition.test)) {
            if (auto refusal = check_children(*children, instance, context)) return refusal;
        } else {
            const auto& named = std::get<NamedCondition>(condition.test);
            if (auto why = named.check(instance, event)) return reject(RejectionKind::guard_failed, named.name, *why);
        }
    }
    return std::nullopt;
}

// The event with the defaults of the payload fields it leaves out, or nothing when it leaves
// out none (the common case: no copy).
std::optional<Event> with_payload_defaults(const std::vector<FieldSpec>& fields, const Event& event) {
    std::optional<Event> completed;
    for (const auto& field : fields) {
        if (!field.fallback) continue;
        const auto* given = event.payload.if_contains(field.name);
        if (given && !given->is_null()) continue;
        if (!completed) completed = event;
        completed->payload[field.name] = *field.fallback;
    }
    return completed;
}

}  // namespace

Outcome decide(const Definition& definition, const Instance& instance, const Event& event, Time now) {
    const auto found = definition.state_by_name.find(instance.state);
    if (found == definition.state_by_name.end()) {
        return reject(RejectionKind::definition_mismatch, instance.state,
                      "state '" + instance.state + "' is not in " + definition.name + " v" +
                          std::to_string(definition.version));
    }
    const State& state = definition.states[found->second];
    if (state.final) {
        return reject(RejectionKind::instance_finished, state.name,
                      "this " + definition.name + " is " + state.name + " and takes no more events");
    }
    const Transition* transition = state.find_transition(event.type);
    if (!transition) {
        if (definition.handles_anywhere(event.type)) {
            return reject(RejectionKind::not_allowed_in_state, event.type,
                          "'" + event.type + "' is not allowed in state '" + state.name + "'; allowed here: " +
                              events_of(state));
        }
        return reject(RejectionKind::unknown_event, event.type,
                      definition.name + " has no event '" + event.type + "'");
    }
    const Role role = event.actor.role;
    if (!role_may_send(*transition, role)) {
        return reject(RejectionKind::role_not_allowed, std::string(role_name(role)),
                      "role '" + std::string(role_name(role)) + "' may not send '" + event.type +
                          "'; allowed: " + allowed_roles(transition->roles));
    }
    if (auto problem = check_payload(transition->payload, event.payload)) return *problem;
    // check_payload lets a field with a `default:` be left out; from here on it has its default.
    const std::optional<Event> completed = with_payload_defaults(transition->payload, event);
    const Event& sent = completed ? *completed : event;
    if (auto refusal = check_guard(definition, *transition, instance, sent, now)) return *refusal;

    Decision decision;
    decision.from = found->second;
    decision.to = transition->target.value_or(found->second);
    for (const auto& field : transition->assign) {
        // A null is no value (check_payload lets it through as absent): like a field left out,
        // it leaves the data field as it was, rather than erasing it.
        const auto* value = sent.payload.if_contains(field);
        if (value && !value->is_null()) decision.data_patch[field] = *value;
    }
    ActionRunner runner(definition, instance, &sent.payload, now, decision);
    if (auto rejection = runner.run(transition->actions)) return *rejection;
    if (decision.changes_state()) {
        const State& target = definition.states[decision.to];
        runner.leave(state);
        if (auto rejection = runner.run(target.entry)) return *rejection;
        runner.enter(target);
    } else {
        runner.move_timers(state);
    }
    return decision;
}

Outcome start(const Definition& definition, const Instance& instance, Time now) {
    if (auto problem = check_initial_data(definition.data, instance.data)) return *problem;
    Decision decision;
    decision.from = decision.to = definition.initial;
    for (const auto& field : definition.data) {
        // A null is no value (check_initial_data lets it through as absent): it takes the default too.
        const auto* given = instance.data.if_contains(field.name);
        if (field.fallback && (!given || given->is_null())) decision.data_patch[field.name] = *field.fallback;
    }
    const State& initial = definition.states[definition.initial];
    ActionRunner runner(definition, instance, nullptr, now, decision);
    if (auto rejection = runner.run(initial.entry)) return *rejection;
    runner.enter(initial);
    return decision;
}

}  // namespace seminarflow
