#include "engine/messages/readable_value.hpp"

#include <boost/json/serialize.hpp>

#include <array>
#include <charconv>
#include <cstdio>

#include "engine/messages/wall_clock.hpp"
#include "engine/model/time.hpp"

namespace seminarflow {
namespace {

bool vietnamese(const ReadingContext& context) { return context.language == "vi"; }

std::string two_digits(int number) {
    std::array<char, 8> text{};
    std::snprintf(text.data(), text.size(), "%02d", number);
    return text.data();
}

std::string utc_offset(int offset_minutes) {
    const int magnitude = offset_minutes < 0 ? -offset_minutes : offset_minutes;
    return std::string("UTC") + (offset_minutes < 0 ? "-" : "+") + two_digits(magnitude / 60) + ":" +
           two_digits(magnitude % 60);
}

// Vietnamese writes "08:00 ngày 25/12/2026"; English "25 Dec 2026, 08:00".
std::string readable_time(Time time, const ReadingContext& context) {
    const auto clock = wall_clock(time, context.zone);
    if (!clock) return format_rfc3339(time);
    static constexpr std::array<const char*, 12> months{"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                        "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    const std::string hour = two_digits(clock->hour) + ":" + two_digits(clock->minute);
    std::string text = vietnamese(context)
                           ? hour + " ngày " + two_digits(clock->day) + "/" + two_digits(clock->month) + "/" +
                                 std::to_string(clock->year)
                           : std::to_string(clock->day) + " " + months[static_cast<std::size_t>(clock->month - 1)] +
                                 " " + std::to_string(clock->year) + ", " + hour;
    if (context.show_zone) text += " (" + utc_offset(clock->offset_minutes) + ")";
    return text;
}

std::string grouped(std::uint64_t amount, char separator) {
    std::string digits = std::to_string(amount);
    for (std::size_t at = digits.size(); at > 3; at -= 3) digits.insert(at - 3, 1, separator);
    return digits;
}

// Vietnamese groups with dots and puts the sign after: "1.500.000 ₫"; English "VND 1,500,000".
std::string readable_vnd(std::uint64_t amount, const ReadingContext& context) {
    return vietnamese(context) ? grouped(amount, '.') + " ₫" : "VND " + grouped(amount, ',');
}

std::string readable_duration(Duration duration, const ReadingContext& context) {
    struct Unit {
        Duration length;
        const char* vi;
        const char* en;
    };
    static constexpr std::array<Unit, 4> units{{{std::chrono::days(1), "ngày", "day"},
                                                {std::chrono::hours(1), "giờ", "hour"},
                                                {std::chrono::minutes(1), "phút", "minute"},
                                                {std::chrono::seconds(1), "giây", "second"}}};
    std::string text;
    for (const Unit& unit : units) {
        const auto count = duration / unit.length;
        if (count == 0) continue;
        duration -= count * unit.length;
        if (!text.empty()) text += ' ';
        text += std::to_string(count) + ' ' + (vietnamese(context) ? unit.vi : unit.en);
        if (!vietnamese(context) && count != 1) text += 's';
    }
    return text.empty() ? (vietnamese(context) ? "0 phút" : "0 minutes") : text;
}

// JSON's serializer writes 2.5 as "2.5E0"; people write 2.5.
std::string shortest(double number) {
    std::array<char, 32> text{};
    const auto written = std::to_chars(text.data(), text.data() + text.size(), number);
    return std::string(text.data(), written.ptr);
}

std::string readable_list(const boost::json::array& items, const ReadingContext& context) {
    if (items.empty()) return "—";  // as for a value not set: "waiting for: —" reads as nobody
    std::string text;
    for (const auto& item : items) {
        if (!text.empty()) text += ", ";
        text += readable_value(item, std::nullopt, context);
    }
    return text;
}

}  // namespace

std::string readable_value(const boost::json::value& value, std::optional<ValueType> type,
                           const ReadingContext& context) {
    if (type == ValueType::time && value.is_string()) {
        if (auto time = parse_rfc3339(value.get_string())) return readable_time(*time, context);
    }
    if (type == ValueType::duration && value.is_string()) {
        if (auto duration = parse_duration(value.get_string())) return readable_duration(*duration, context);
    }
    if (type == ValueType::vnd) {
        if (value.is_uint64()) return readable_vnd(value.get_uint64(), context);
        if (value.is_int64() && value.get_int64() >= 0) {
            return readable_vnd(static_cast<std::uint64_t>(value.get_int64()), context);
        }
    }
    switch (value.kind()) {
    case boost::json::kind::string: return std::string(value.get_string());
    case boost::json::kind::bool_:
        if (vietnamese(context)) return value.get_bool() ? "có" : "không";
        return value.get_bool() ? "yes" : "no";
    case boost::json::kind::array: return readable_list(value.get_array(), context);
    case boost::json::kind::null: return "—";
    case boost::json::kind::double_: return shortest(value.get_double());
    default: return boost::json::serialize(value);
    }
}

}  // namespace seminarflow
