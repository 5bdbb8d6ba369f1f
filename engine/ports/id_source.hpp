#pragma once
// Where new ids come from (instances, notifications, signals): a port, so that tests can make
// them predictable.
#include <string>

namespace seminarflow {

class IdSource {
public:
    virtual ~IdSource() = default;
    // A new UUID, lower-case, 8-4-4-4-12.
    virtual std::string next_id() = 0;
};

}  // namespace seminarflow
