#pragma once
// Instants written as RFC 3339 text in tests, so that expectations read like the definitions.
#include <stdexcept>
#include <string>
#include <string_view>

#include "engine/model/time.hpp"

namespace seminarflow::test {

// Throws rather than REQUIREs: tests keep their fixed `now` in namespace-scope constants, built
// before Catch runs, and a literal the parser refuses is a mistake in the test itself.
inline Time at(std::string_view rfc3339) {
    const auto time = parse_rfc3339(rfc3339);
    if (!time) throw std::invalid_argument("not an RFC 3339 time: " + std::string(rfc3339));
    return *time;
}

}  // namespace seminarflow::test
