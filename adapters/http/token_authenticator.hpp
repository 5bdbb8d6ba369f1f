#pragma once
// Bearer tokens (`Authorization: Bearer sft_...`) as the API's actor resolver: the token's id
// and role become the Actor of what the request does, so the workflows' `roles:` are enforced
// on the token's role. Tokens found valid are cached (token_cache.hpp) for a short while; see
// TokenCacheOptions::ttl for how that bounds the time a revocation takes to reach a node.
#include "adapters/http/actor.hpp"
#include "adapters/http/token_cache.hpp"
#include "engine/ports/clock.hpp"
#include "engine/ports/store.hpp"

namespace seminarflow::http {

class TokenAuthenticator {
public:
    TokenAuthenticator(Store& store, const Clock& clock, TokenCacheOptions options = {});

    // The request's caller, or a 401 that tells a missing token apart from one that is not
    // valid (but not why a token is not: unknown, revoked and malformed answer alike), or a 503
    // when the store cannot say. Blocks on a cache miss (it asks the store): call it on the
    // store's pool, never on an I/O thread.
    Result<Actor, Response> authenticate(const Request& request);
    // authenticate()'s answer when it needs no store: a missing or malformed token, or one
    // cached with no use of it to record. Nothing when the store must be asked. Never blocks.
    std::optional<Result<Actor, Response>> authenticate_at_once(const Request& request) const;

    // Resolvers that call authenticate() and authenticate_at_once(); this object must outlive them.
    ActorResolver resolver();
    ActorResolverAtOnce resolver_at_once() const;

    const TokenCache& cache() const { return cache_; }

private:
    Result<std::string, Response> presented_hash(const Request& request) const;
    Result<Actor, Response> look_up(const std::string& hash, Time now);
    void record_use(const Actor& actor, Time now);

    Store& store_;
    const Clock& clock_;
    TokenCache cache_;
};

}  // namespace seminarflow::http
