#pragma once
// The runtime's answers on the wire. A request taken answers its status and the runtime's
// canonical body (engine/runtime/answer.hpp); a refusal answers problem details made from the
// runtime's refusal body. Both are functions of the (status, body) an Idempotency-Key keeps, so a
// replay is the first answer byte for byte.
#include <boost/json/value.hpp>

#include <string_view>

#include "adapters/http/http_message.hpp"
#include "engine/runtime/runtime.hpp"

namespace seminarflow::http {

// Which request an answer is to: it says which member of the request a refusal points at
// (`data.title` or `payload.title`, `workflow`, `parent`, `type`).
enum class AnswerTo { creation, event };

// From a status and body as the runtime made them (or as an Idempotency-Key kept them).
// 201 answers carry a Location header naming the new instance.
Response answer_response(AnswerTo to, int status, const boost::json::value& body);

// What an idempotent call answered: the response, marked `Idempotent-Replayed: true` if the
// answer is the one kept from the first request with this key.
Response answer_response(AnswerTo to, const Answered& answered);
Response answer_response(AnswerTo to, const Applied& applied);

// A refusal that is not kept (no key, or a busy or failing database): the same shape. A failing
// database's own message goes to the log, not to the client.
Response refusal_response(AnswerTo to, const ApplyError& error);

// 404 for an instance id nothing is stored under.
Response instance_not_found(std::string_view id);

// 503, the database's own words to the log only.
Response store_unavailable(const StoreError& error);

}  // namespace seminarflow::http
