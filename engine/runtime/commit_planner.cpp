#include "engine/runtime/commit_planner.hpp"

#include "engine/interpreter/interpreter.hpp"

namespace seminarflow {
namespace {

class Planner {
public:
    Planner(const Catalogue& catalogue, Time now, IdSource& ids) : catalogue_(catalogue), now_(now), ids_(ids) {}

    Commit commit;

    // Carries out a decision's effects for `instance`, whose data is now `data`.
    std::optional<Rejection> add_effects(const Definition& definition, const Instance& instance,
                                         const boost::json::object& data, const std::string& event_type,
                                         const Decision& decision, int depth) {
        for (const Effect& effect : decision.effects) {
            if (const auto* notify = std::get_if<Notify>(&effect)) {
                commit.notifications.push_back(notification(definition, instance, data, event_type, decision, *notify));
            } else if (const auto* schedule = std::get_if<ScheduleTimer>(&effect)) {
                forget_timer(instance.id, schedule->name);
                commit.timers_scheduled.push_back({instance.id, schedule->name, schedule->due, schedule->event});
            } else if (const auto* cancel = std::get_if<CancelTimer>(&effect)) {
                forget_timer(instance.id, cancel->name);
                commit.timers_cancelled.push_back({instance.id, cancel->name});
            } else if (const auto* spawn = std::get_if<SpawnChild>(&effect)) {
                if (auto rejection = add_child(instance, *spawn, depth)) return rejection;
            } else if (const auto* signal = std::get_if<SignalParent>(&effect)) {
                if (!instance.parent) continue;  // the interpreter sends none then; kept for safety
                Event parent_event{signal->event, signal->payload, Actor{"child:" + instance.id, Role::system}};
                commit.signals.push_back({ids_.next_id(), *instance.parent, std::move(parent_event), now_});
            }
        }
        return std::nullopt;
    }

    // Of the effects on one timer only the last counts: a state left for one that has the same
    // timer cancels it and schedules it again, and the timer must stay. The store writes the
    // commit's schedules and cancellations as two sets, so no timer may be in both.
    void forget_timer(const std::string& instance_id, const std::string& name) {
        std::erase_if(commit.timers_scheduled,
                      [&](const Timer& timer) { return timer.instance_id == instance_id && timer.name == name; });
        std::erase_if(commit.timers_cancelled,
                      [&](const TimerRef& timer) { return timer.instance_id == instance_id && timer.name == name; });
    }

    // A new instance, entered into its initial state: its row, its "created" history entry and
    // what its initial state's entry does.
    std::optional<Rejection> add_created(const Definition& definition, Instance instance, const Actor& actor,
                                         Decision decision, int depth) {
        instance.state = definition.states[definition.initial].name;
        instance.definition_version = definition.version;
        instance.data = apply_patch(std::move(instance.data), std::move(decision.data_patch));
        instance.version = 1;
        instance.created_at = instance.updated_at = now_;
        commit.history.push_back(HistoryEntry{instance.id, 1, "created", actor, instance.data, std::nullopt,
                                              instance.state, definition.version, now_});
        commit.created.push_back(instance);
        return add_effects(definition, instance, instance.data, "created", decision, depth);
    }

private:
    Notification notification(const Definition& definition, const Instance& instance, const boost::json::object& data,
                              const std::string& event_type, const Decision& decision, const Notify& notify) {
        boost::json::object payload{
            {"workflow", definition.name},
            {"instance_id", instance.id},
            {"event", event_type},
            {"from", definition.states[decision.from].name},
            {"to", definition.states[decision.to].name},
            {"data", data},
        };
        return Notification{ids_.next_id(), instance.id, notify.template_name, notify.audience, std::move(payload), now_};
    }

    std::optional<Rejection> add_child(const Instance& parent, const SpawnChild& spawn, int depth) {
        const std::string rule = "spawn " + spawn.workflow;
        if (depth >= max_spawn_depth) {
            return Rejection{RejectionKind::action_failed, rule,
                             "children spawn children more than " + std::to_string(max_spawn_depth) +
                                 " levels deep: the definitions loop"};
        }
        const Definition* definition = catalogue_.find(spawn.workflow);
        if (!definition) {
            // The catalogue linked every spawn to its workflow; this is a bug, not bad input.
            return Rejection{RejectionKind::definition_mismatch, rule, "workflow '" + spawn.workflow + "' is not loaded"};
        }
        Instance child;
        child.id = ids_.next_id();
        child.workflow = definition->name;
        child.definition_version = definition->version;
        child.state = definition->states[definition->initial].name;
        child.data = spawn.data;
        child.parent = parent.id;
        Outcome started = start(*definition, child, now_);
        if (auto* rejection = std::get_if<Rejection>(&started)) {
            rejection->rule = rule + ": " + rejection->rule;
            rejection->message = "a " + spawn.workflow + " child cannot be started: " + rejection->message;
            return std::move(*rejection);
        }
        const Actor actor{"parent:" + parent.id, Role::system};
        return add_created(*definition, std::move(child), actor, std::get<Decision>(std::move(started)), depth + 1);
    }

    const Catalogue& catalogue_;
    Time now_;
    IdSource& ids_;
};

}  // namespace

Result<Commit, Rejection> plan_transition(const Catalogue& catalogue, const Definition& definition,
                                          const Instance& instance, const Event& event, Decision decision, Time now,
                                          IdSource& ids) {
    Planner planner(catalogue, now, ids);
    boost::json::object data = apply_patch(instance.data, decision.data_patch);
    if (auto rejection = planner.add_effects(definition, instance, data, event.type, decision, 0)) {
        return fail(std::move(*rejection));
    }
    const std::string& to = definition.states[decision.to].name;
    planner.commit.history.insert(planner.commit.history.begin(),
                                  HistoryEntry{instance.id, instance.version + 1, event.type, event.actor, event.payload,
                                               instance.state, to, instance.definition_version, now});
    planner.commit.update = InstanceUpdate{instance.id, instance.version, to, std::move(data), now};
    return std::move(planner.commit);
}

Result<Commit, Rejection> plan_creation(const Catalogue& catalogue, const Definition& definition, Instance instance,
                                        const Actor& actor, Decision decision, Time now, IdSource& ids) {
    Planner planner(catalogue, now, ids);
    if (auto rejection = planner.add_created(definition, std::move(instance), actor, std::move(decision), 0)) {
        return fail(std::move(*rejection));
    }
    return std::move(planner.commit);
}

}  // namespace seminarflow
