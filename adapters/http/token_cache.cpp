#include "adapters/http/token_cache.hpp"

#include <algorithm>
#include <stdexcept>

namespace seminarflow::http {

TokenCache::TokenCache(TokenCacheOptions options) : options_(options) {
    if (options_.capacity == 0) throw std::invalid_argument("a token cache holds at least one token");
}

std::optional<TokenCache::Hit> TokenCache::find(const std::string& hash, Time now) {
    const std::lock_guard lock(mutex_);
    const auto found = entries_.find(hash);
    if (found == entries_.end()) return std::nullopt;
    if (now >= found->second.expires_at) {
        entries_.erase(found);
        return std::nullopt;
    }
    return hit(found->second, now);
}

std::optional<Actor> TokenCache::find_without_use(const std::string& hash, Time now) const {
    const std::lock_guard lock(mutex_);
    const auto found = entries_.find(hash);
    if (found == entries_.end() || now >= found->second.expires_at || use_due(found->second, now)) return std::nullopt;
    return found->second.actor;
}

TokenCache::Hit TokenCache::remember(const std::string& hash, Actor actor, std::optional<Time> last_used, Time now) {
    const std::lock_guard lock(mutex_);
    if (!entries_.contains(hash)) make_room(now);
    Entry& entry = entries_[hash];
    entry = Entry{std::move(actor), last_used, now + options_.ttl};
    return hit(entry, now);
}

std::size_t TokenCache::size() const {
    const std::lock_guard lock(mutex_);
    return entries_.size();
}

// Claims the write of last_used_at here, under the lock, so that of the requests that find the
// token due at once only one writes.
TokenCache::Hit TokenCache::hit(Entry& entry, Time now) const {
    const bool due = use_due(entry, now);
    if (due) entry.last_used = now;
    return Hit{entry.actor, due};
}

bool TokenCache::use_due(const Entry& entry, Time now) const {
    return !entry.last_used || now - *entry.last_used >= options_.touch_interval;
}

// Forgets what has expired; if the cache is still full, the entry that would expire first. A
// scan, but only when full, and the cache is small.
void TokenCache::make_room(Time now) {
    if (entries_.size() < options_.capacity) return;
    std::erase_if(entries_, [now](const auto& item) { return now >= item.second.expires_at; });
    if (entries_.size() < options_.capacity) return;
    const auto oldest = std::min_element(entries_.begin(), entries_.end(), [](const auto& left, const auto& right) {
        return left.second.expires_at < right.second.expires_at;
    });
    entries_.erase(oldest);
}

}  // namespace seminarflow::http
