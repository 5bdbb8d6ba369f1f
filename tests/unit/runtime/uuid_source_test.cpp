#include <catch2/catch.hpp>

#include <regex>
#include <set>

#include "engine/runtime/uuid_source.hpp"
#include "support/time_literal.hpp"

using namespace seminarflow;

namespace {

class FixedClock final : public Clock {
public:
    explicit FixedClock(Time time) : time_(time) {}
    Time now() const override { return time_; }
    void set(Time time) { time_ = time; }

private:
    Time time_;
};

}  // namespace

TEST_CASE("UUIDv7 ids are well formed, distinct, and sort by the time they were made", "[runtime][uuid]") {
    FixedClock clock(test::at("2026-11-22T08:00:00Z"));
    UuidV7Source ids(clock);
    // The form the instances table's CHECK demands, with version 7 and the RFC 9562 variant.
    const std::regex uuid("^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$");
    std::set<std::string> seen;
    for (int i = 0; i < 1000; ++i) {
        const std::string id = ids.next_id();
        REQUIRE(std::regex_match(id, uuid));
        CHECK(seen.insert(id).second);
    }
    const std::string earlier = ids.next_id();
    clock.set(test::at("2026-11-22T08:00:01Z"));
    CHECK(ids.next_id() > earlier);
}

TEST_CASE("the first 48 bits of a UUIDv7 are the Unix milliseconds", "[runtime][uuid]") {
    FixedClock clock(Time{Duration{0x0123456789ab}});
    UuidV7Source ids(clock);
    CHECK(ids.next_id().substr(0, 13) == "01234567-89ab");
}
