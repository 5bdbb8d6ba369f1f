#pragma once
// The tokens a node found valid lately, so that most requests cost no query. Bounded in time
// and in size: a token revoked in the store is still accepted for at most `ttl` by a node that
// had it here, and a flood of distinct tokens cannot grow memory past `capacity` entries.
// Keyed by the token's hash: the secrets themselves are not kept. Thread-safe.
#include <chrono>
#include <cstddef>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "engine/model/event.hpp"
#include "engine/model/time.hpp"

namespace seminarflow::http {

struct TokenCacheOptions {
    // How long a token found valid is believed without asking the store again: how long a
    // revocation may take to reach a node that used the token just before it.
    Duration ttl = std::chrono::seconds(30);
    // Tokens remembered at once; past that, the one that would expire first is forgotten.
    std::size_t capacity = 1024;
    // A token's last_used_at is written at most this often by one node.
    Duration touch_interval = std::chrono::minutes(1);
};

class TokenCache {
public:
    struct Hit {
        Actor actor;
        // The caller records this use (Store::touch_token): none was recorded for touch_interval.
        bool record_use = false;
    };

    explicit TokenCache(TokenCacheOptions options = {});

    // The caller of the token with hash `hash`, if it was found valid less than `ttl` ago.
    std::optional<Hit> find(const std::string& hash, Time now);
    // The caller of the token with hash `hash`, if find() would answer with no use to record:
    // what may be told without the store. Claims nothing: when this answers nothing, find()
    // still tells whether the token is known and claims the use that is due.
    std::optional<Actor> find_without_use(const std::string& hash, Time now) const;
    // Remembers the token with hash `hash`, just found valid in the store, whose last use there
    // is `last_used`; answers as find() then would.
    Hit remember(const std::string& hash, Actor actor, std::optional<Time> last_used, Time now);

    std::size_t size() const;
    const TokenCacheOptions& options() const { return options_; }

private:
    struct Entry {
        Actor actor;
        std::optional<Time> last_used;
        Time expires_at;
    };
    Hit hit(Entry& entry, Time now) const;
    bool use_due(const Entry& entry, Time now) const;
    void make_room(Time now);

    TokenCacheOptions options_;
    mutable std::mutex mutex_;
    std::unordered_map<std::string, Entry> entries_;
};

}  // namespace seminarflow::http
