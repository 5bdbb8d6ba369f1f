#include "adapters/http/request_id.hpp"

#include <algorithm>
#include <random>

namespace seminarflow::http {

bool sane_request_id(std::string_view id) {
    constexpr std::string_view punctuation = "-_.:/+=@";
    return !id.empty() && id.size() <= 128 && std::all_of(id.begin(), id.end(), [&](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
               punctuation.find(c) != std::string_view::npos;
    });
}

std::string new_request_id() {
    // One generator per thread, seeded once from the system: ids need to be unique, not secret.
    thread_local std::mt19937_64 generator{(static_cast<std::uint64_t>(std::random_device{}()) << 32) ^
                                           std::random_device{}()};
    constexpr char digits[] = "0123456789abcdef";
    std::string id;
    id.reserve(32);
    for (int half = 0; half < 2; ++half) {
        std::uint64_t bits = generator();
        for (int i = 0; i < 16; ++i, bits >>= 4) id += digits[bits & 0xf];
    }
    return id;
}

std::string request_id_for(std::string_view sent) {
    return sane_request_id(sent) ? std::string(sent) : new_request_id();
}

}  // namespace seminarflow::http
