#include "adapters/http/token_authenticator.hpp"

#include <spdlog/spdlog.h>

#include "adapters/http/bearer_token.hpp"
#include "adapters/http/problem.hpp"

namespace seminarflow::http {
namespace {

// RFC 6750: a 401 says how to authenticate. Without a token, only the scheme; with one that is
// not valid, `invalid_token` too, whatever the reason.
Response token_required(std::string_view detail) {
    Response response = problem(401, "token-required", "Authentication required", detail);
    response.headers.emplace_back("WWW-Authenticate", R"(Bearer realm="seminarflow")");
    return response;
}

Response token_invalid() {
    Response response = problem(401, "token-invalid", "Invalid token",
                                "the bearer token is unknown, revoked or malformed");
    response.headers.emplace_back("WWW-Authenticate", R"(Bearer realm="seminarflow", error="invalid_token")");
    return response;
}

Response store_unavailable(const StoreError& error) {
    spdlog::error("http: cannot check a token: {}", error.message);
    return problem(503, "unavailable", "Service unavailable", "the database is unavailable; try again shortly");
}

}  // namespace

TokenAuthenticator::TokenAuthenticator(Store& store, const Clock& clock, TokenCacheOptions options)
    : store_(store), clock_(clock), cache_(options) {}

Result<Actor, Response> TokenAuthenticator::authenticate(const Request& request) {
    const auto hash = presented_hash(request);
    if (!hash) return fail(hash.error());
    const Time now = clock_.now();
    if (auto hit = cache_.find(*hash, now)) {
        if (hit->record_use) record_use(hit->actor, now);
        return std::move(hit->actor);
    }
    return look_up(*hash, now);
}

std::optional<Result<Actor, Response>> TokenAuthenticator::authenticate_at_once(const Request& request) const {
    const auto hash = presented_hash(request);
    if (!hash) return Result<Actor, Response>(fail(hash.error()));
    if (auto actor = cache_.find_without_use(*hash, clock_.now())) return Result<Actor, Response>(std::move(*actor));
    return std::nullopt;
}

// The hash of the token the request presents, or why it presents none that could be valid.
Result<std::string, Response> TokenAuthenticator::presented_hash(const Request& request) const {
    const std::string_view header = request.header("authorization");
    if (header.find_first_not_of(" \t") == std::string_view::npos) {
        return fail(token_required("send a token as `Authorization: Bearer <token>`; "
                                   "`seminarflow tokens create` makes one"));
    }
    const auto token = bearer_credentials(header);
    if (!token) return fail(token_required("the Authorization header must use the Bearer scheme"));
    if (!well_formed_token(*token)) return fail(token_invalid());
    return token_hash(*token);
}

Result<Actor, Response> TokenAuthenticator::look_up(const std::string& hash, Time now) {
    auto found = store_.find_token(hash);
    if (!found) return fail(store_unavailable(found.error()));
    // Only tokens in force are cached: one made a moment ago works at once (no refusal of it is
    // remembered), and a flood of bad ones cannot push the good ones out.
    if (!*found || (*found)->revoked()) return fail(token_invalid());
    const ApiToken& token = **found;
    auto hit = cache_.remember(hash, Actor{token.id, token.role}, token.last_used_at, now);
    if (hit.record_use) record_use(hit.actor, now);
    return std::move(hit.actor);
}

// A use that cannot be recorded does not refuse the request: the token was checked.
void TokenAuthenticator::record_use(const Actor& actor, Time now) {
    if (auto touched = store_.touch_token(actor.id, now); !touched) {
        spdlog::warn("http: cannot record a use of token {}: {}", actor.id, touched.error().message);
    }
}

ActorResolver TokenAuthenticator::resolver() {
    return [this](const Request& request) { return authenticate(request); };
}

ActorResolverAtOnce TokenAuthenticator::resolver_at_once() const {
    return [this](const Request& request) { return authenticate_at_once(request); };
}

}  // namespace seminarflow::http
