#include "adapters/http/request_identity.hpp"

#include "engine/runtime/definition_records.hpp"

namespace seminarflow::http {

IdempotencyKey idempotency_key(std::string key, const Request& request, const Actor& actor) {
    const std::string digest = sha256_hex(request.method + '\n' + request.path + '\n' + actor.id + '\n' +
                                          std::string(role_name(actor.role)) + '\n' + request.body);
    return IdempotencyKey{std::move(key), digest};
}

}  // namespace seminarflow::http
