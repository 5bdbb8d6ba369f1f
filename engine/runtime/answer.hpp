#pragma once
// What a request is answered, as the API sends it and as an Idempotency-Key replays it: one
// rendering, so that a replay is byte for byte the first answer. Shapes follow DESIGN.md: an
// instance is {id, workflow, definition_version, state, data, parent, version, created_at,
// updated_at}; a history entry {seq, event, actor, payload, from, to, at}.
#include <boost/json/object.hpp>

#include "engine/runtime/runtime.hpp"

namespace seminarflow {

boost::json::object instance_json(const Instance& instance);
boost::json::object history_json(const HistoryEntry& entry);
boost::json::object effect_json(const Effect& effect);

// {instance, history, effects, spawned: [child ids]}
boost::json::object answer_body(const Applied& applied);
// {error, rule?, message}
boost::json::object answer_body(const ApplyError& error);

// 200 for an event taken (201 for a creation: the caller knows which), and for a refusal the
// status DESIGN.md gives it: 404 unknown instance or workflow, 409 not allowed in this state,
// 422 payload or guard refused (or an Idempotency-Key reused for another request), 403 role not
// allowed, 503 busy or the database failing.
int answer_status(const ApplyError& error);

// Whether a refusal is the request's own (the same request would be refused again), and so an
// answer an Idempotency-Key keeps; a busy or failing database is not, and a retry tries again.
bool is_final(const ApplyError& error);

}  // namespace seminarflow
