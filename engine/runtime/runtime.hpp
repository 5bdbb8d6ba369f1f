#pragma once
// The runtime's core: an event becomes a durable transition. It loads the instance, lets the
// interpreter decide, plans the commit and has the store write it in one transaction; when
// another writer moved the instance first (a version conflict) it reads again and decides
// again. Blocking: callers run it on the store's thread pool.
#include <functional>
#include <optional>
#include <variant>
#include <string>
#include <string_view>

#include "engine/definition/catalogue.hpp"
#include "engine/model/decision.hpp"
#include "engine/model/event.hpp"
#include "engine/model/history_entry.hpp"
#include "engine/model/instance.hpp"
#include "engine/model/result.hpp"
#include "engine/ports/clock.hpp"
#include "engine/ports/id_source.hpp"
#include "engine/ports/runtime_observer.hpp"
#include "engine/ports/store.hpp"

namespace seminarflow {

struct Applied {
    Instance instance;  // as committed (children and parent data as they were read)
    HistoryEntry entry;
    std::vector<Effect> effects;
    std::vector<Instance> spawned;  // children (and their children) created in the same commit
};

struct ApplyError {
    enum class Kind {
        not_found,        // no such instance
        unknown_workflow, // no such workflow, or not the definition version the instance runs
        rejected,         // the interpreter (or a child it would spawn) refused: see `rejection`
        busy,             // the instance kept moving under us; the caller may try again
        store_failed,     // the database failed: see `message`
        already_consumed, // the timer or signal was carried out already (by another node)
        key_reused,       // an Idempotency-Key sent again with another request (inside the runtime
                          // also: a concurrent request with the key answered first, which the
                          // idempotent create/apply then replay)
    };
    Kind kind;
    std::string message;
    std::optional<Rejection> rejection;
};

// An Idempotency-Key, with a digest of the request it came with (method, path and body), so that
// the same key sent with another request is refused rather than answered with the first one.
struct IdempotencyKey {
    std::string key;
    std::string request_hash;
};

// The first answer to a request, as stored with its Idempotency-Key and given again to a replay.
struct Replay {
    int status = 0;
    boost::json::value body;
};

// What an idempotent request did now, or, replayed, what it did the first time.
using Answered = std::variant<Applied, Replay>;

// What became of a fired timer or a delivered signal.
enum class WorkOutcome {
    applied,     // its event was decided and committed
    refused,     // the instance refused its event; the refusal is kept on the timer's or signal's row
    superseded,  // another node carried it out first, or its instance is gone
};

class Runtime {
public:
    // How many times an event is decided again after a version conflict before giving up.
    static constexpr int max_attempts = 16;

    Runtime(const Catalogue& catalogue, Store& store, const Clock& clock, IdSource& ids)
        : catalogue_(catalogue), store_(store), clock_(clock), ids_(ids) {}

    // Called after each commit that leaves work for this node's background loops (WorkMade: a
    // timer or a signal for the scheduler, a notification for the dispatcher), so that the loop
    // concerned looks now rather than at its next poll. Set before the runtime is shared between
    // threads; it is called from any of them.
    void wake_on_work(std::function<void(WorkMade)> wake) { wake_ = std::move(wake); }
    // Told of every transition committed, event refused and timer fired (for metrics). Set
    // before the runtime is shared between threads; `observer` must outlive the runtime.
    void observe_with(RuntimeObserver& observer) { observer_ = &observer; }

    // A new instance of `workflow` with `data`, optionally the child of `parent`.
    Result<Applied, ApplyError> create(std::string_view workflow, boost::json::object data,
                                       std::optional<std::string> parent, const Actor& actor);
    Result<Applied, ApplyError> apply(std::string_view instance_id, const Event& event);

    // The same, taking effect once per Idempotency-Key: the answer (a refusal of the request's
    // own too) is committed with the transition and replayed for the same key; a busy or failing
    // database is not an answer, so a retry with the key tries again.
    Result<Answered, ApplyError> create(std::string_view workflow, boost::json::object data,
                                        std::optional<std::string> parent, const Actor& actor,
                                        const IdempotencyKey& key);
    Result<Answered, ApplyError> apply(std::string_view instance_id, const Event& event, const IdempotencyKey& key);

    // A claimed timer fires its event, sent by the engine (`system`); the commit marks the timer
    // fired, so that it changes the instance's state once even if two nodes fire it.
    // `known`: the instance as read a moment ago (Store::load_instances, for a whole round), to
    // decide on instead of reading it again; if it has moved since, the commit's version check
    // refuses it and the event is decided again on a fresh read, as after any conflict.
    Result<WorkOutcome, ApplyError> fire(const Timer& timer, std::optional<Instance> known = std::nullopt);
    // A claimed signal is decided by its target instance; the commit marks it done.
    Result<WorkOutcome, ApplyError> deliver(const PendingSignal& signal, std::optional<Instance> known = std::nullopt);

private:
    // The timer or signal a commit consumes along with its event.
    struct Consumption {
        std::optional<TimerRef> timer;
        std::optional<std::string> signal;
    };

    Result<Applied, ApplyError> decide_and_commit(std::string_view instance_id, const Event& event,
                                                  const Consumption& consumption, const IdempotencyKey* key = nullptr,
                                                  std::optional<Instance> known = std::nullopt);
    Result<Applied, ApplyError> create_once(std::string_view workflow, boost::json::object data,
                                            std::optional<std::string> parent, const Actor& actor,
                                            const IdempotencyKey* key);
    // Runs `attempt` unless `key` already has an answer, and keeps a final refusal as the answer.
    template <class Attempt>
    Result<Answered, ApplyError> answer_once(const IdempotencyKey& key, std::optional<std::string> instance_id,
                                             Attempt attempt);
    // The stored answer for `key`, if any; key_reused if it came with another request.
    Result<std::optional<Replay>, ApplyError> stored_answer(const IdempotencyKey& key);
    Result<WorkOutcome, ApplyError> consume(std::string_view instance_id, const Event& event,
                                            const Consumption& consumption, std::optional<Instance> known);

    // The store's commit, and the wake when it committed work.
    Result<CommitStatus, ApplyError> write(const Commit& commit);
    // What the observer hears of a commit done for an instance of `workflow`, and of a refusal.
    void observe_commit(std::string_view workflow, const Commit& commit);
    Failure<ApplyError> refuse(std::string_view workflow, Rejection rejection);

    const Catalogue& catalogue_;
    Store& store_;
    const Clock& clock_;
    IdSource& ids_;
    std::function<void(WorkMade)> wake_;
    RuntimeObserver* observer_ = &no_runtime_observer();
};

}  // namespace seminarflow
