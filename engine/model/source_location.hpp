#pragma once

namespace seminarflow {

// A place in a definition file, 1-based, for messages that point a person at the line to fix.
struct SourceLocation {
    int line = 0;
    int column = 0;
};

}  // namespace seminarflow
