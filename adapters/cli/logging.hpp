#pragma once
// One logger for the process: human-readable text on stderr, or JSON lines for log shippers.
#include "adapters/cli/config.hpp"

namespace seminarflow {

void configure_logging(const LogConfig& config);

}  // namespace seminarflow
