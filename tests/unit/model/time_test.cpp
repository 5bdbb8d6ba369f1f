// Instants: RFC 3339 in, UTC out. Definitions, payloads and the API all carry times as text,
// so a wrong parse moves a seminar; a lenient one stores a date that does not exist.
#include <catch2/catch.hpp>

#include "engine/model/time.hpp"

using namespace seminarflow;
using namespace std::chrono;
using namespace std::chrono_literals;

namespace {

Time utc(year_month_day date, hours h = 0h, minutes m = 0min, seconds s = 0s, milliseconds ms = 0ms) {
    return Time{sys_days{date}.time_since_epoch() + h + m + s + ms};
}

}  // namespace

TEST_CASE("parse_rfc3339 reads UTC and applies offsets", "[time]") {
    const Time one_am_utc = utc(2026y / December / 1, 1h);
    CHECK(parse_rfc3339("2026-12-01T01:00:00Z") == one_am_utc);
    // Hanoi is UTC+7: eight in the morning there is one in the morning in UTC.
    CHECK(parse_rfc3339("2026-12-01T08:00:00+07:00") == one_am_utc);
    CHECK(parse_rfc3339("2026-11-30T19:30:00-05:30") == one_am_utc);
    CHECK(parse_rfc3339("2026-12-01T01:00:00+00:00") == one_am_utc);
    CHECK(parse_rfc3339("2026-12-01T01:00:00-00:00") == one_am_utc);
    // An offset can carry the instant over into the previous day, month and year.
    CHECK(parse_rfc3339("2027-01-01T05:00:00+07:00") == utc(2026y / December / 31, 22h));
}

TEST_CASE("parse_rfc3339 accepts what RFC 3339 allows besides the canonical form", "[time]") {
    const Time expected = utc(2026y / December / 1, 1h);
    CHECK(parse_rfc3339("2026-12-01t01:00:00z") == expected);  // lower-case t and z
    CHECK(parse_rfc3339("2026-12-01 01:00:00Z") == expected);  // a space for the T
    CHECK(parse_rfc3339("2024-02-29T00:00:00Z") == utc(2024y / February / 29));  // a leap year
}

TEST_CASE("parse_rfc3339 keeps milliseconds of a fraction and drops finer digits", "[time]") {
    const Time base = utc(2026y / December / 1, 1h);
    CHECK(parse_rfc3339("2026-12-01T01:00:00.5Z") == base + 500ms);
    CHECK(parse_rfc3339("2026-12-01T01:00:00.05Z") == base + 50ms);
    CHECK(parse_rfc3339("2026-12-01T01:00:00.123Z") == base + 123ms);
    CHECK(parse_rfc3339("2026-12-01T01:00:00.123999Z") == base + 123ms);
    CHECK(parse_rfc3339("2026-12-01T08:00:00.250+07:00") == base + 250ms);
}

TEST_CASE("parse_rfc3339 refuses dates and times that do not exist", "[time]") {
    CHECK_FALSE(parse_rfc3339("2026-02-30T08:00:00Z"));
    CHECK_FALSE(parse_rfc3339("2026-02-29T08:00:00Z"));  // 2026 is not a leap year
    CHECK_FALSE(parse_rfc3339("2026-04-31T08:00:00Z"));
    CHECK_FALSE(parse_rfc3339("2026-13-01T08:00:00Z"));
    CHECK_FALSE(parse_rfc3339("2026-00-01T08:00:00Z"));
    CHECK_FALSE(parse_rfc3339("2026-12-00T08:00:00Z"));
    CHECK_FALSE(parse_rfc3339("2026-12-01T24:00:00Z"));
    CHECK_FALSE(parse_rfc3339("2026-12-01T08:60:00Z"));
    // A leap second cannot be represented in sys_time: refused rather than rounded.
    CHECK_FALSE(parse_rfc3339("2016-12-31T23:59:60Z"));
}

TEST_CASE("parse_rfc3339 refuses text that is not a complete RFC 3339 instant", "[time]") {
    CHECK_FALSE(parse_rfc3339(""));
    CHECK_FALSE(parse_rfc3339("2026-12-01"));                    // a date alone
    CHECK_FALSE(parse_rfc3339("2026-12-01T08:00:00"));           // no offset: which zone?
    CHECK_FALSE(parse_rfc3339("2026-12-01T08:00"));              // no seconds
    CHECK_FALSE(parse_rfc3339("2026-12-01T08:00:00Zjunk"));      // trailing junk
    CHECK_FALSE(parse_rfc3339("2026-12-01T08:00:00+07:00 "));    // trailing space
    CHECK_FALSE(parse_rfc3339("2026-12-01T08:00:00+0700"));      // offset without a colon
    CHECK_FALSE(parse_rfc3339("2026-12-01T08:00:00+07"));        // offset without minutes
    CHECK_FALSE(parse_rfc3339("2026-12-01T08:00:00+24:00"));     // offset out of range
    CHECK_FALSE(parse_rfc3339("2026-12-01T08:00:00.Z"));         // a dot without digits
    CHECK_FALSE(parse_rfc3339("2026-12-01X08:00:00Z"));          // not a date-time separator
    CHECK_FALSE(parse_rfc3339("26-12-01T08:00:00Z"));            // two-digit year
    CHECK_FALSE(parse_rfc3339("2026-1-01T08:00:00Z"));           // one-digit month
    CHECK_FALSE(parse_rfc3339("01/12/2026 08:00"));              // how people write it in Vietnam
}

TEST_CASE("format_rfc3339 writes UTC with Z, and milliseconds only when there are some", "[time]") {
    CHECK(format_rfc3339(utc(2026y / December / 1, 1h)) == "2026-12-01T01:00:00Z");
    CHECK(format_rfc3339(utc(2026y / December / 1, 1h, 2min, 3s, 45ms)) == "2026-12-01T01:02:03.045Z");
    CHECK(format_rfc3339(Time{}) == "1970-01-01T00:00:00Z");
    CHECK(format_rfc3339(Time{} - 500ms) == "1969-12-31T23:59:59.500Z");
}

TEST_CASE("an instant survives formatting and parsing again", "[time]") {
    for (const char* text : {"2026-12-01T08:00:00+07:00", "2024-02-29T23:59:59.999Z", "2000-01-01T00:00:00.001-03:00"}) {
        INFO(text);
        const auto parsed = parse_rfc3339(text);
        REQUIRE(parsed);
        CHECK(parse_rfc3339(format_rfc3339(*parsed)) == parsed);
    }
    CHECK(format_rfc3339(*parse_rfc3339("2026-12-01T08:00:00+07:00")) == "2026-12-01T01:00:00Z");
}
