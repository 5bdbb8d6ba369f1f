// What people read in a message: times on the event's wall clock, đồng grouped the Vietnamese
// way, durations in words, in the receiver's language.
#include <boost/json/parse.hpp>
#include <catch2/catch.hpp>

#include "engine/messages/readable_value.hpp"
#include "engine/messages/wall_clock.hpp"
#include "support/time_literal.hpp"

using namespace seminarflow;
using seminarflow::test::at;

namespace {

const ReadingContext vi{"vi", "Asia/Ho_Chi_Minh", false};
const ReadingContext en{"en", "Asia/Ho_Chi_Minh", false};

std::string read(std::string_view json, std::optional<ValueType> type, const ReadingContext& context) {
    return readable_value(boost::json::parse(json), type, context);
}

}  // namespace

TEST_CASE("a wall clock reads the time zone database, summer time included", "[messages]") {
    const auto hanoi = wall_clock(at("2026-12-25T01:30:00Z"), "Asia/Ho_Chi_Minh");
    REQUIRE(hanoi);
    CHECK((hanoi->year == 2026 && hanoi->month == 12 && hanoi->day == 25));
    CHECK((hanoi->hour == 8 && hanoi->minute == 30 && hanoi->offset_minutes == 420));

    const auto paris_summer = wall_clock(at("2026-07-01T22:15:00Z"), "Europe/Paris");
    REQUIRE(paris_summer);
    CHECK((paris_summer->day == 2 && paris_summer->hour == 0 && paris_summer->offset_minutes == 120));
    const auto paris_winter = wall_clock(at("2026-01-01T22:15:00Z"), "Europe/Paris");
    REQUIRE(paris_winter);
    CHECK((paris_winter->hour == 23 && paris_winter->offset_minutes == 60));

    CHECK_FALSE(wall_clock(at("2026-01-01T00:00:00Z"), "Asia/Hanoi_City"));
    CHECK_FALSE(wall_clock(at("2026-01-01T00:00:00Z"), ""));
}

TEST_CASE("the time zone database is read at start, and an unknown default zone is a start-up error",
          "[messages][zones]") {
    CHECK_FALSE(load_time_zones("Asia/Ho_Chi_Minh"));
    const auto unknown = load_time_zones("Asia/Hanoi_City");
    REQUIRE(unknown);
    CHECK(*unknown == "the time zone database does not know the default zone 'Asia/Hanoi_City'");
    CHECK(known_time_zone("Europe/Paris"));
    CHECK_FALSE(known_time_zone("Mars/Olympus"));
    CHECK_FALSE(known_time_zone(""));
}

TEST_CASE("times read on the event's wall clock in each language", "[messages]") {
    CHECK(read(R"("2026-12-25T01:00:00Z")", ValueType::time, vi) == "08:00 ngày 25/12/2026");
    CHECK(read(R"("2026-12-25T01:00:00Z")", ValueType::time, en) == "25 Dec 2026, 08:00");
    const ReadingContext paris{"en", "Europe/Paris", true};
    CHECK(read(R"("2026-12-25T01:00:00Z")", ValueType::time, paris) == "25 Dec 2026, 02:00 (UTC+01:00)");
    const ReadingContext west{"vi", "America/Sao_Paulo", true};
    CHECK(read(R"("2026-12-25T01:00:00Z")", ValueType::time, west) == "22:00 ngày 24/12/2026 (UTC-03:00)");
    // A string the field's type does not parse is shown as it is.
    CHECK(read(R"("soon")", ValueType::time, vi) == "soon");
}

TEST_CASE("amounts of đồng are grouped in thousands", "[messages]") {
    CHECK(read("1500000", ValueType::vnd, vi) == "1.500.000 ₫");
    CHECK(read("1500000", ValueType::vnd, en) == "VND 1,500,000");
    CHECK(read("999", ValueType::vnd, vi) == "999 ₫");
    CHECK(read("1000", ValueType::vnd, vi) == "1.000 ₫");
    CHECK(read("0", ValueType::vnd, en) == "VND 0");
    CHECK(read("18446744073709551615", ValueType::vnd, vi) == "18.446.744.073.709.551.615 ₫");
    // An integer field that is not money keeps its digits together.
    CHECK(read("1500000", ValueType::integer, vi) == "1500000");
}

TEST_CASE("durations, booleans, lists and nulls read in words", "[messages]") {
    CHECK(read(R"("1d12h")", ValueType::duration, vi) == "1 ngày 12 giờ");
    CHECK(read(R"("1d12h")", ValueType::duration, en) == "1 day 12 hours");
    CHECK(read(R"("90m")", ValueType::duration, en) == "1 hour 30 minutes");
    CHECK(read("true", ValueType::boolean, vi) == "có");
    CHECK(read("false", ValueType::boolean, en) == "no");
    CHECK(read(R"(["Công đoàn Than Hà Lầm", "Công đoàn Than Núi Béo"])", ValueType::array, vi) ==
          "Công đoàn Than Hà Lầm, Công đoàn Than Núi Béo");
    CHECK(read("null", std::nullopt, vi) == "—");
    CHECK(read(R"("Hội trường A")", std::nullopt, en) == "Hội trường A");
    CHECK(read("2.5", ValueType::number, en) == "2.5");
}
