// The token cache on its own: how long it believes a token, how often it asks for a use to be
// recorded, and that it never holds more than its capacity.
#include <catch2/catch.hpp>

#include "adapters/http/token_cache.hpp"

namespace seminarflow::http {
namespace {

const Time start = *parse_rfc3339("2026-08-04T01:30:00Z");
const Actor organiser{"0190a1b2-c3d4-7e5f-8a6b-7c8d9e0f1a2b", Role::organiser};

}  // namespace

TEST_CASE("a token is believed for the ttl, then asked for again", "[http][tokens][cache]") {
    TokenCache cache(TokenCacheOptions{.ttl = std::chrono::seconds(30)});
    CHECK_FALSE(cache.find("hash", start).has_value());
    cache.remember("hash", organiser, start, start);

    const auto hit = cache.find("hash", start + std::chrono::milliseconds(29'999));
    REQUIRE(hit.has_value());
    CHECK(hit->actor.id == organiser.id);
    CHECK(hit->actor.role == Role::organiser);
    CHECK_FALSE(cache.find("other hash", start).has_value());
    // At the ttl it is gone, and so is its entry.
    CHECK_FALSE(cache.find("hash", start + std::chrono::seconds(30)).has_value());
    CHECK(cache.size() == 0);
}

TEST_CASE("a use is to be recorded once per touch interval, not on every hit", "[http][tokens][cache]") {
    TokenCache cache(TokenCacheOptions{.ttl = std::chrono::minutes(5), .touch_interval = std::chrono::minutes(1)});
    // Never used before: this first use is recorded.
    CHECK(cache.remember("new", organiser, std::nullopt, start).record_use);
    CHECK_FALSE(cache.find("new", start + std::chrono::seconds(1)).value().record_use);
    CHECK_FALSE(cache.find("new", start + std::chrono::seconds(59)).value().record_use);
    CHECK(cache.find("new", start + std::chrono::seconds(60)).value().record_use);
    CHECK_FALSE(cache.find("new", start + std::chrono::seconds(61)).value().record_use);

    // Used half a minute ago (another node recorded it): not again until a minute after that.
    CHECK_FALSE(cache.remember("seen", organiser, start - std::chrono::seconds(30), start).record_use);
    CHECK(cache.find("seen", start + std::chrono::seconds(30)).value().record_use);
}

TEST_CASE("a token is told without a use only while no use of it is to be recorded", "[http][tokens][cache]") {
    TokenCache cache(TokenCacheOptions{.ttl = std::chrono::minutes(5), .touch_interval = std::chrono::minutes(1)});
    CHECK_FALSE(cache.find_without_use("hash", start).has_value());
    cache.remember("hash", organiser, start, start);
    const auto known = cache.find_without_use("hash", start + std::chrono::seconds(59));
    REQUIRE(known.has_value());
    CHECK(known->id == organiser.id);
    // A use is due: only find() may answer, as it claims that use for its caller to record.
    CHECK_FALSE(cache.find_without_use("hash", start + std::chrono::seconds(60)).has_value());
    CHECK_FALSE(cache.find_without_use("hash", start + std::chrono::seconds(61)).has_value());
    CHECK(cache.find("hash", start + std::chrono::seconds(61)).value().record_use);
    CHECK(cache.find_without_use("hash", start + std::chrono::seconds(62)).has_value());
    // Past the ttl, neither.
    CHECK_FALSE(cache.find_without_use("hash", start + std::chrono::minutes(5) + std::chrono::seconds(61)).has_value());
}

TEST_CASE("the cache holds at most its capacity, dropping what expires first", "[http][tokens][cache]") {
    TokenCache cache(TokenCacheOptions{.ttl = std::chrono::seconds(30), .capacity = 3});
    cache.remember("a", organiser, start, start);
    cache.remember("b", organiser, start, start + std::chrono::seconds(1));
    cache.remember("c", organiser, start, start + std::chrono::seconds(2));
    cache.remember("d", organiser, start, start + std::chrono::seconds(3));  // "a" expires first: it goes
    CHECK(cache.size() == 3);
    const Time now = start + std::chrono::seconds(4);
    CHECK_FALSE(cache.find("a", now).has_value());
    CHECK(cache.find("b", now).has_value());
    CHECK(cache.find("d", now).has_value());

    // Remembering a token it holds takes no room; expired entries are dropped before a live one.
    cache.remember("d", organiser, start, now);
    CHECK(cache.size() == 3);
    cache.remember("e", organiser, start, start + std::chrono::seconds(32));  // "b" and "c" have expired
    CHECK(cache.size() == 2);
    for (int i = 0; i < 100; ++i) cache.remember("flood " + std::to_string(i), organiser, start, now);
    CHECK(cache.size() == 3);
}

TEST_CASE("a cache of no tokens is refused", "[http][tokens][cache]") {
    CHECK_THROWS_AS(TokenCache(TokenCacheOptions{.capacity = 0}), std::invalid_argument);
}

}  // namespace seminarflow::http
