#include "engine/model/time.hpp"

#include <array>
#include <charconv>
#include <limits>

namespace seminarflow {
namespace {

bool read_digits(std::string_view text, std::size_t at, std::size_t count, int& out) {
    if (at + count > text.size()) return false;
    int value = 0;
    for (std::size_t i = at; i < at + count; ++i) {
        const char c = text[i];
        if (c < '0' || c > '9') return false;
        value = value * 10 + (c - '0');
    }
    out = value;
    return true;
}

bool expect(std::string_view text, std::size_t at, std::string_view choices) {
    return at < text.size() && choices.find(text[at]) != std::string_view::npos;
}

}  // namespace

std::optional<Time> parse_rfc3339(std::string_view text) {
    int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
    if (!read_digits(text, 0, 4, year) || !expect(text, 4, "-") || !read_digits(text, 5, 2, month) ||
        !expect(text, 7, "-") || !read_digits(text, 8, 2, day) || !expect(text, 10, "Tt ") ||
        !read_digits(text, 11, 2, hour) || !expect(text, 13, ":") || !read_digits(text, 14, 2, minute) ||
        !expect(text, 16, ":") || !read_digits(text, 17, 2, second)) {
        return std::nullopt;
    }
    const std::chrono::year_month_day date{std::chrono::year{year},
                                           std::chrono::month{static_cast<unsigned>(month)},
                                           std::chrono::day{static_cast<unsigned>(day)}};
    // Leap seconds (":60") are not representable in sys_time; refuse rather than guess.
    if (!date.ok() || hour > 23 || minute > 59 || second > 59) return std::nullopt;

    std::size_t at = 19;
    Duration fraction{0};
    if (at < text.size() && text[at] == '.') {
        ++at;
        const std::size_t start = at;
        int millis = 0;
        while (at < text.size() && text[at] >= '0' && text[at] <= '9') {
            if (at - start < 3) millis = millis * 10 + (text[at] - '0');
            ++at;
        }
        if (at == start) return std::nullopt;
        for (std::size_t digits = at - start; digits < 3; ++digits) millis *= 10;
        fraction = Duration{millis};
    }

    std::chrono::minutes offset{0};
    if (expect(text, at, "Zz")) {
        ++at;
    } else if (expect(text, at, "+-")) {
        const bool east = text[at] == '+';
        int offset_hours = 0, offset_minutes = 0;
        if (!read_digits(text, at + 1, 2, offset_hours) || !expect(text, at + 3, ":") ||
            !read_digits(text, at + 4, 2, offset_minutes) || offset_hours > 23 || offset_minutes > 59) {
            return std::nullopt;
        }
        offset = std::chrono::hours{offset_hours} + std::chrono::minutes{offset_minutes};
        if (!east) offset = -offset;
        at += 6;
    } else {
        return std::nullopt;
    }
    if (at != text.size()) return std::nullopt;

    const auto local = std::chrono::sys_days{date} + std::chrono::hours{hour} +
                       std::chrono::minutes{minute} + std::chrono::seconds{second};
    return Time{std::chrono::duration_cast<Duration>(local.time_since_epoch() - offset) + fraction};
}

namespace {

// Writes `value` as exactly `width` decimal digits; called on hot paths, hence no printf.
char* put_digits(char* out, unsigned value, int width) {
    for (int i = width - 1; i >= 0; --i) {
        out[i] = static_cast<char>('0' + value % 10);
        value /= 10;
    }
    return out + width;
}

}  // namespace

std::string format_rfc3339(Time time) {
    const auto days = std::chrono::floor<std::chrono::days>(time);
    const std::chrono::year_month_day date{days};
    const std::chrono::hh_mm_ss clock{time - days};
    const auto millis = static_cast<unsigned>(clock.subseconds().count());
    std::array<char, 32> buffer{};
    char* out = put_digits(buffer.data(), static_cast<unsigned>(static_cast<int>(date.year())), 4);
    *out++ = '-';
    out = put_digits(out, static_cast<unsigned>(date.month()), 2);
    *out++ = '-';
    out = put_digits(out, static_cast<unsigned>(date.day()), 2);
    *out++ = 'T';
    out = put_digits(out, static_cast<unsigned>(clock.hours().count()), 2);
    *out++ = ':';
    out = put_digits(out, static_cast<unsigned>(clock.minutes().count()), 2);
    *out++ = ':';
    out = put_digits(out, static_cast<unsigned>(clock.seconds().count()), 2);
    if (millis != 0) {
        *out++ = '.';
        out = put_digits(out, millis, 3);
    }
    *out++ = 'Z';
    return std::string(buffer.data(), out);
}

namespace {

struct DurationUnit {
    std::string_view suffix;
    Duration length;
};

// Largest first: a duration is written in this order. "m" is a prefix of "ms", so parsing
// takes the longest suffix that matches rather than the first.
constexpr std::array<DurationUnit, 6> units{{
    {"w", std::chrono::weeks{1}},
    {"d", std::chrono::days{1}},
    {"h", std::chrono::hours{1}},
    {"m", std::chrono::minutes{1}},
    {"s", std::chrono::seconds{1}},
    {"ms", Duration{1}},
}};

// The index of the unit `text` starts with, or units.size().
std::size_t unit_at(std::string_view text) {
    std::size_t found = units.size();
    for (std::size_t unit = 0; unit < units.size(); ++unit) {
        if (text.starts_with(units[unit].suffix) &&
            (found == units.size() || units[unit].suffix.size() > units[found].suffix.size())) {
            found = unit;
        }
    }
    return found;
}

}  // namespace

std::optional<Duration> parse_duration(std::string_view text) {
    if (text.empty()) return std::nullopt;
    Duration total{0};
    std::size_t previous_unit = 0;
    bool first = true;
    while (!text.empty()) {
        long long count = 0;
        const auto [rest, error] = std::from_chars(text.data(), text.data() + text.size(), count);
        if (error != std::errc{} || rest == text.data() || count < 0) return std::nullopt;
        text.remove_prefix(static_cast<std::size_t>(rest - text.data()));
        const std::size_t unit = unit_at(text);
        if (unit == units.size() || (!first && unit <= previous_unit)) return std::nullopt;
        text.remove_prefix(units[unit].suffix.size());
        // A definition may say `after: 99999999999999w`: refuse it rather than overflow.
        const Duration::rep length = units[unit].length.count();
        Duration::rep sum = 0;
        if (count > std::numeric_limits<Duration::rep>::max() / length ||
            __builtin_add_overflow(total.count(), count * length, &sum)) {
            return std::nullopt;
        }
        total = Duration{sum};
        previous_unit = unit;
        first = false;
    }
    return total;
}

std::string format_duration(Duration duration) {
    if (duration == Duration{0}) return "0s";
    std::string text;
    if (duration < Duration{0}) {
        text = "-";
        duration = -duration;
    }
    for (const auto& unit : units) {
        const auto count = duration / unit.length;
        if (count > 0) {
            text += std::to_string(count);
            text += unit.suffix;
            duration -= unit.length * count;
        }
    }
    return text;
}

}  // namespace seminarflow
