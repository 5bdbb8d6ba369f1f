#include "adapters/http/actor.hpp"

namespace seminarflow::http {

ActorResolver anonymous_admin() {
    return [](const Request&) -> Result<Actor, Response> { return Actor{"anonymous", Role::admin}; };
}

}  // namespace seminarflow::http
