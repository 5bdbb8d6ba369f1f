#include "engine/runtime/runtime.hpp"

#include "engine/interpreter/interpreter.hpp"
#include "engine/runtime/answer.hpp"
#include "engine/runtime/commit_planner.hpp"

namespace seminarflow {
namespace {

Failure<ApplyError> error(ApplyError::Kind kind, std::string message) {
    return fail(ApplyError{kind, std::move(message), std::nullopt});
}

Failure<ApplyError> rejected(Rejection rejection) {
    std::string message = rejection.message;
    return fail(ApplyError{ApplyError::Kind::rejected, std::move(message), std::move(rejection)});
}

}  // namespace

// Writes `commit`. The store's refusals that end the request become errors; a version conflict
// comes back as it is, for a caller that decides again.
Result<CommitStatus, ApplyError> Runtime::write(const Commit& commit) {
    auto status = store_.commit(commit);
    if (!status) return error(ApplyError::Kind::store_failed, status.error().message);
    switch (*status) {
    case CommitStatus::committed:
        if (const WorkMade work = work_made(commit); wake_ && work.any()) wake_(work);
        return *status;
    case CommitStatus::version_conflict: return *status;
    case CommitStatus::already_consumed: return error(ApplyError::Kind::already_consumed, "carried out already");
    case CommitStatus::idempotency_conflict:
        return error(ApplyError::Kind::key_reused, "answered already");  // a concurrent twin won
    }
    return error(ApplyError::Kind::store_failed, "the store answered a commit with an unknown status");
}

// Every history entry is one transition: the instance's own event, and "created" for each child
// the commit spawned (whose workflow the commit names).
void Runtime::observe_commit(std::string_view workflow, const Commit& commit) {
    for (const HistoryEntry& entry : commit.history) {
        std::string_view entry_workflow = workflow;
        for (const Instance& created : commit.created) {
            if (created.id == entry.instance_id) entry_workflow = created.workflow;
        }
        observer_->transition_committed(entry_workflow, entry.event);
    }
}

Failure<ApplyError> Runtime::refuse(std::string_view workflow, Rejection rejection) {
    observer_->event_refused(workflow, rejection.kind);
    return rejected(std::move(rejection));
}

Result<Applied, ApplyError> Runtime::create(std::string_view workflow, boost::json::object data,
                                            std::optional<std::string> parent, const Actor& actor) {
    return create_once(workflow, std::move(data), std::move(parent), actor, nullptr);
}

Result<Applied, ApplyError> Runtime::create_once(std::string_view workflow, boost::json::object data,
                                                 std::optional<std::string> parent, const Actor& actor,
                                                 const IdempotencyKey* key) {
    const Definition* definition = catalogue_.find(workflow);
    if (!definition) return error(ApplyError::Kind::unknown_workflow, "there is no workflow '" + std::string(workflow) + "'");
    std::optional<boost::json::object> parent_data;
    if (parent) {
        auto loaded = store_.load_instance(*parent);
        if (!loaded) return error(ApplyError::Kind::store_failed, loaded.error().message);
        if (!*loaded) return error(ApplyError::Kind::not_found, "there is no parent instance '" + *parent + "'");
        parent_data = std::move((*loaded)->data);
    }
    Instance instance;
    instance.id = ids_.next_id();
    instance.workflow = definition->name;
    instance.definition_version = definition->version;
    instance.state = definition->states[definition->initial].name;
    instance.data = std::move(data);
    instance.parent = std::move(parent);
    instance.parent_data = std::move(parent_data);
    const Time now = clock_.now();
    Outcome started = start(*definition, instance, now);
    if (auto* rejection = std::get_if<Rejection>(&started)) return refuse(definition->name, std::move(*rejection));
    Decision decision = std::get<Decision>(std::move(started));
    std::vector<Effect> effects = decision.effects;
    auto commit = plan_creation(catalogue_, *definition, instance, actor, std::move(decision), now, ids_);
    if (!commit) return refuse(definition->name, std::move(commit).error());
    Applied applied{commit->created.front(), commit->history.front(), std::move(effects),
                    std::vector<Instance>(commit->created.begin() + 1, commit->created.end())};
    applied.instance.parent_data = std::move(instance.parent_data);
    if (key) {
        commit->idempotency =
            IdempotencyRecord{key->key, key->request_hash, applied.instance.id, 201, answer_body(applied), now};
    }
    auto status = write(*commit);
    if (!status) return fail(std::move(status).error());
    if (*status == CommitStatus::version_conflict) {
        // A new instance has no version to conflict with: the store broke its contract.
        return error(ApplyError::Kind::store_failed, "the store refused a new instance's commit");
    }
    observe_commit(definition->name, *commit);
    return applied;
}

Result<Applied, ApplyError> Runtime::apply(std::string_view instance_id, const Event& event) {
    return decide_and_commit(instance_id, event, Consumption{});
}

Result<WorkOutcome, ApplyError> Runtime::fire(const Timer& timer, std::optional<Instance> known) {
    const Event event{timer.event, {}, Actor{"timer:" + timer.name, Role::system}};
    auto outcome = consume(timer.instance_id, event, Consumption{TimerRef{timer.instance_id, timer.name}, std::nullopt},
                           std::move(known));
    // Its lag runs to the commit that consumed it: what a person waiting for the reminder sees.
    if (outcome && *outcome != WorkOutcome::superseded) observer_->timer_fired(clock_.now() - timer.due);
    return outcome;
}

Result<WorkOutcome, ApplyError> Runtime::deliver(const PendingSignal& signal, std::optional<Instance> known) {
    return consume(signal.target_instance_id, signal.event, Consumption{std::nullopt, signal.id}, std::move(known));
}

Result<WorkOutcome, ApplyError> Runtime::consume(std::string_view instance_id, const Event& event,
                                                 const Consumption& consumption, std::optional<Instance> known) {
    auto applied = decide_and_commit(instance_id, event, consumption, nullptr, std::move(known));
    if (applied) return WorkOutcome::applied;
    const ApplyError& failure = applied.error();
    switch (failure.kind) {
    case ApplyError::Kind::already_consumed:
    case ApplyError::Kind::not_found:  // deleted with its timers and signals
        return WorkOutcome::superseded;
    case ApplyError::Kind::rejected:
    case ApplyError::Kind::unknown_workflow: {
        // Refused for good: retrying would refuse again. Consume it, and keep why.
        Commit refusal;
        refusal.fired_timer = consumption.timer;
        refusal.consumed_signal = consumption.signal;
        refusal.refusal = failure.message;
        auto status = store_.commit(refusal);
        if (!status) return error(ApplyError::Kind::store_failed, status.error().message);
        return *status == CommitStatus::committed ? WorkOutcome::refused : WorkOutcome::superseded;
    }
    case ApplyError::Kind::busy:
    case ApplyError::Kind::store_failed:
    case ApplyError::Kind::key_reused:  // no key is given here; listed for completeness
        break;  // left pending: the lease runs out and it is tried again
    }
    return fail(applied.error());
}

Result<Applied, ApplyError> Runtime::decide_and_commit(std::string_view instance_id, const Event& event,
                                                       const Consumption& consumption, const IdempotencyKey* key,
                                                       std::optional<Instance> known) {
    for (int attempt = 0; attempt < max_attempts; ++attempt) {
        // The first attempt may decide on what the caller read; after a conflict, read again.
        Result<std::optional<Instance>, StoreError> loaded =
            known && known->id == instance_id ? Result<std::optional<Instance>, StoreError>(std::move(known))
                                              : store_.load_instance(instance_id);
        known.reset();
        if (!loaded) return error(ApplyError::Kind::store_failed, loaded.error().message);
        if (!*loaded) return error(ApplyError::Kind::not_found, "there is no instance '" + std::string(instance_id) + "'");
        Instance& instance = **loaded;
        const Definition* definition = catalogue_.find(instance.workflow, instance.definition_version);
        if (!definition) {
            return error(ApplyError::Kind::unknown_workflow,
                         instance.workflow + " v" + std::to_string(instance.definition_version) +
                             ", which this instance runs, is not loaded");
        }
        const Time now = clock_.now();
        Outcome outcome = decide(*definition, instance, event, now);
        if (auto* rejection = std::get_if<Rejection>(&outcome)) return refuse(definition->name, std::move(*rejection));
        Decision decision = std::get<Decision>(std::move(outcome));
        std::vector<Effect> effects = decision.effects;
        auto commit = plan_transition(catalogue_, *definition, instance, event, std::move(decision), now, ids_);
        if (!commit) return refuse(definition->name, std::move(commit).error());
        commit->fired_timer = consumption.timer;
        commit->consumed_signal = consumption.signal;
        Applied applied{instance, commit->history.front(), std::move(effects), commit->created};
        applied.instance.state = commit->update->state;
        applied.instance.data = commit->update->data;
        applied.instance.version += 1;
        applied.instance.updated_at = now;
        if (key) {
            commit->idempotency =
                IdempotencyRecord{key->key, key->request_hash, instance.id, 200, answer_body(applied), now};
        }
        auto status = write(*commit);
        if (!status) return fail(std::move(status).error());
        if (*status == CommitStatus::version_conflict) continue;  // moved under us: decide again
        observe_commit(definition->name, *commit);
        return applied;
    }
    return error(ApplyError::Kind::busy, "the instance kept changing while this event was decided; try again");
}

}  // namespace seminarflow
