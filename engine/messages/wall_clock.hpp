#pragma once
// Times are stored in UTC; people read them on their own wall clock. This is the one place that
// asks the time zone database (the system's IANA tzdata) what a wall clock shows.
#include <optional>
#include <string>
#include <string_view>

#include "engine/model/time.hpp"

namespace seminarflow {

struct WallClock {
    int year = 0;
    int month = 0;   // 1-12
    int day = 0;     // 1-31
    int hour = 0;    // 0-23
    int minute = 0;  // 0-59
    int offset_minutes = 0;  // east of UTC: +420 in Asia/Ho_Chi_Minh
};

// Reads the time zone database now, and checks that it knows `default_zone`. Without it, the
// first message rendered would read every zone file, on whichever thread renders it (an I/O
// thread, for a chat channel). Why it cannot, for a start-up error; nothing when all is well.
std::optional<std::string> load_time_zones(std::string_view default_zone);

// Whether the database knows `zone` (an IANA name such as "Asia/Ho_Chi_Minh").
bool known_time_zone(std::string_view zone);

// What a clock in `zone` shows at `time`, or nothing when the database does not know the zone:
// an unknown name is a value, never an exception.
std::optional<WallClock> wall_clock(Time time, std::string_view zone);

}  // namespace seminarflow
