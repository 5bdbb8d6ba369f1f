#pragma once
// What a receiver answered to a POST, as plain values: what every channel's answer reader (pure,
// unit-tested without a network) takes, and what the HTTP client gives back.
#include <algorithm>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace seminarflow::channels {

struct HttpAnswer {
    int status = 0;
    // Header names in lower case, in the order they came.
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;  // at most the client's max_response_bytes of it

    // The first header named `name` (lower case), if any.
    std::optional<std::string_view> header(std::string_view name) const {
        const auto found = std::find_if(headers.begin(), headers.end(), [&](const auto& h) { return h.first == name; });
        if (found == headers.end()) return std::nullopt;
        return std::string_view(found->second);
    }
};

}  // namespace seminarflow::channels
