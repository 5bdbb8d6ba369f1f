// Durations as definitions write them: `starts_at - 1d`, `after: 2w`. Largest unit first, each
// unit once, whole numbers only; anything else is a typo the loader must catch, not guess at.
#include <catch2/catch.hpp>

#include "engine/model/time.hpp"

using namespace seminarflow;
using namespace std::chrono_literals;

TEST_CASE("parse_duration reads one or more number-unit pairs", "[duration]") {
    CHECK(parse_duration("90m") == Duration{90min});
    CHECK(parse_duration("1d12h") == Duration{36h});
    CHECK(parse_duration("2w") == Duration{14 * 24h});
    CHECK(parse_duration("500ms") == Duration{500ms});
    CHECK(parse_duration("45s") == Duration{45s});
    CHECK(parse_duration("0s") == Duration{0});
    CHECK(parse_duration("1h30m") == Duration{90min});
    CHECK(parse_duration("1m30s") == Duration{90s});
    CHECK(parse_duration("1w2d3h4m5s") == Duration{(7 + 2) * 24h + 3h + 4min + 5s});
    // Milliseconds are the smallest unit: they come last, after seconds and minutes.
    CHECK(parse_duration("1s500ms") == Duration{1500ms});
    CHECK(parse_duration("2m500ms") == Duration{120500ms});
}

TEST_CASE("parse_duration refuses what is not a duration", "[duration]") {
    CHECK_FALSE(parse_duration(""));
    CHECK_FALSE(parse_duration("5"));       // no unit: minutes? days?
    CHECK_FALSE(parse_duration("-1d"));     // negative: write `starts_at - 1d` instead
    CHECK_FALSE(parse_duration("+1d"));
    CHECK_FALSE(parse_duration("1x"));
    CHECK_FALSE(parse_duration("d"));
    CHECK_FALSE(parse_duration("1.5h"));    // whole numbers only: write 1h30m
    CHECK_FALSE(parse_duration("1h1d"));    // wrong order
    CHECK_FALSE(parse_duration("500ms1s"));  // wrong order
    CHECK_FALSE(parse_duration("1d1d"));    // a unit twice
    CHECK_FALSE(parse_duration("1d 12h"));
    CHECK_FALSE(parse_duration(" 1d"));
    CHECK_FALSE(parse_duration("1d "));
    CHECK_FALSE(parse_duration("1D"));
    // Too long to represent in milliseconds: refused, not wrapped around.
    CHECK_FALSE(parse_duration("99999999999999999w"));
    CHECK_FALSE(parse_duration("1w9223372036854775807ms"));
    CHECK_FALSE(parse_duration("99999999999999999999s"));
}

TEST_CASE("format_duration writes the largest units first", "[duration]") {
    CHECK(format_duration(Duration{0}) == "0s");
    CHECK(format_duration(Duration{90min}) == "1h30m");
    CHECK(format_duration(Duration{36h}) == "1d12h");
    CHECK(format_duration(Duration{14 * 24h}) == "2w");
    CHECK(format_duration(Duration{500ms}) == "500ms");
    CHECK(format_duration(Duration{61500ms}) == "1m1s500ms");
    CHECK(format_duration(Duration{-24h}) == "-1d");
}

TEST_CASE("a duration survives formatting and parsing again", "[duration]") {
    for (const Duration duration : {Duration{1}, Duration{999ms}, Duration{90min}, Duration{36h + 1s},
                                    Duration{3 * 7 * 24h + 5h + 59min + 59s + 1ms}}) {
        INFO(duration.count() << " ms");
        CHECK(parse_duration(format_duration(duration)) == duration);
    }
}
