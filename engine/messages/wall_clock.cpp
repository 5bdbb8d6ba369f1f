#include "engine/messages/wall_clock.hpp"

#include <date/tz.h>

#include <exception>
#include <string>

namespace seminarflow {
namespace {

// The zone, or nothing. The library throws for a name it does not know (and, on the first call,
// for a database it cannot read): both are answered as "not known" here.
const date::time_zone* find_zone(std::string_view zone) {
    if (zone.empty()) return nullptr;
    try {
        return date::locate_zone(std::string(zone));
    } catch (const std::exception&) {
        return nullptr;
    }
}

}  // namespace

std::optional<std::string> load_time_zones(std::string_view default_zone) {
    try {
        const date::tzdb& database = date::get_tzdb();
        if (database.zones.empty()) return std::string("the time zone database holds no zones (is tzdata installed?)");
    } catch (const std::exception& error) {
        return "cannot read the time zone database (is tzdata installed?): " + std::string(error.what());
    }
    if (!find_zone(default_zone)) {
        return "the time zone database does not know the default zone '" + std::string(default_zone) + "'";
    }
    return std::nullopt;
}

bool known_time_zone(std::string_view zone) { return find_zone(zone) != nullptr; }

std::optional<WallClock> wall_clock(Time time, std::string_view zone) {
    const date::time_zone* found = find_zone(zone);
    if (!found) return std::nullopt;
    const auto info = found->get_info(time);
    const auto local = time + info.offset;
    const auto day = std::chrono::floor<std::chrono::days>(local);
    const date::year_month_day date{date::sys_days{day.time_since_epoch()}};
    const auto minutes = std::chrono::duration_cast<std::chrono::minutes>(local - day).count();
    return WallClock{static_cast<int>(date.year()),
                     static_cast<int>(static_cast<unsigned>(date.month())),
                     static_cast<int>(static_cast<unsigned>(date.day())),
                     static_cast<int>(minutes / 60),
                     static_cast<int>(minutes % 60),
                     static_cast<int>(std::chrono::duration_cast<std::chrono::minutes>(info.offset).count())};
}

}  // namespace seminarflow
