#include "engine/messages/wall_clock.hpp"

#include <date/tz.h>

#include <stdexcept>
#include <string>

namespace seminarflow {

std::optional<WallClock> wall_clock(Time time, std::string_view zone) {
    const date::time_zone* found = nullptr;
    try {
        found = date::locate_zone(std::string(zone));
    } catch (const std::runtime_error&) {
        return std::nullopt;  // the library's only answer for a name it does not know
    }
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
