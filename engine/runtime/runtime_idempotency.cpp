// Runtime: requests with an Idempotency-Key take effect once, and a replay gets the first answer.
#include "engine/runtime/answer.hpp"
#include "engine/runtime/runtime.hpp"

namespace seminarflow {

Result<std::optional<Replay>, ApplyError> Runtime::stored_answer(const IdempotencyKey& key) {
    auto record = store_.find_idempotency(key.key);
    if (!record) return fail(ApplyError{ApplyError::Kind::store_failed, record.error().message, std::nullopt});
    if (!*record) return std::optional<Replay>{};
    if ((*record)->request_hash != key.request_hash) {
        return fail(ApplyError{ApplyError::Kind::key_reused,
                               "the Idempotency-Key '" + key.key + "' was already used for another request",
                               std::nullopt});
    }
    return std::optional<Replay>{Replay{(*record)->status, (*record)->response}};
}

template <class Attempt>
Result<Answered, ApplyError> Runtime::answer_once(const IdempotencyKey& key, std::optional<std::string> instance_id,
                                                  Attempt attempt) {
    const auto replay = [&]() -> Result<Answered, ApplyError> {
        auto stored = stored_answer(key);
        if (!stored) return fail(std::move(stored).error());
        if (!*stored) {
            return fail(ApplyError{ApplyError::Kind::store_failed, "an Idempotency-Key's answer vanished", std::nullopt});
        }
        return Answered{std::move(**stored)};
    };
    auto earlier = stored_answer(key);
    if (!earlier) return fail(std::move(earlier).error());
    if (*earlier) return Answered{std::move(**earlier)};

    auto applied = attempt();
    if (applied) return Answered{std::move(applied).value()};
    const ApplyError& failure = applied.error();
    if (failure.kind == ApplyError::Kind::key_reused) return replay();  // a concurrent twin answered first
    if (!is_final(failure)) return fail(std::move(applied).error());

    // The request's own refusal is its answer too: keep it, so that a replay is refused alike.
    Commit answer;
    answer.idempotency = IdempotencyRecord{key.key,        key.request_hash,       std::move(instance_id),
                                           answer_status(failure), answer_body(failure), clock_.now()};
    auto status = store_.commit(answer);
    if (!status) return fail(ApplyError{ApplyError::Kind::store_failed, status.error().message, std::nullopt});
    if (*status == CommitStatus::idempotency_conflict) return replay();
    return fail(std::move(applied).error());
}

Result<Answered, ApplyError> Runtime::create(std::string_view workflow, boost::json::object data,
                                             std::optional<std::string> parent, const Actor& actor,
                                             const IdempotencyKey& key) {
    return answer_once(key, std::nullopt, [&] { return create_once(workflow, std::move(data), parent, actor, &key); });
}

Result<Answered, ApplyError> Runtime::apply(std::string_view instance_id, const Event& event, const IdempotencyKey& key) {
    // An instance that does not exist cannot be named in the record (it references instances).
    return answer_once(key, std::nullopt,
                       [&] { return decide_and_commit(instance_id, event, Consumption{}, &key); });
}

}  // namespace seminarflow
