#pragma once
// What "the same request" means for an Idempotency-Key: the same method, path and body bytes
// from the same caller. A key sent again with anything else is refused (422), not answered with
// another request's answer; a caller cannot replay another caller's answer by guessing its key.
#include <string>

#include "adapters/http/http_message.hpp"
#include "engine/runtime/runtime.hpp"

namespace seminarflow::http {

IdempotencyKey idempotency_key(std::string key, const Request& request, const Actor& actor);

}  // namespace seminarflow::http
