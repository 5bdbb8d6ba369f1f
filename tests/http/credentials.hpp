#pragma once
// What the operations tests send with a request to a route that needs a caller: nothing while
// the server knows no tokens (every caller is the anonymous administrator, http/actor.hpp); once
// bearer tokens exist, the Authorization header of a token TestServer makes. One place to change.
#include <string>
#include <utility>
#include <vector>

#include "tests/http/test_server.hpp"

namespace seminarflow::testing {

inline std::vector<std::pair<std::string, std::string>> credentials(TestServer& /*server*/) { return {}; }

// `extra` headers and the credentials, for a request that sends both.
inline std::vector<std::pair<std::string, std::string>> credentials(TestServer& server,
                                                                    std::vector<std::pair<std::string, std::string>> extra) {
    for (auto& header : credentials(server)) extra.push_back(std::move(header));
    return extra;
}

}  // namespace seminarflow::testing
