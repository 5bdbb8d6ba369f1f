#include "engine/ports/clock.hpp"

namespace seminarflow {

Time SystemClock::now() const { return std::chrono::time_point_cast<Duration>(std::chrono::system_clock::now()); }

}  // namespace seminarflow
