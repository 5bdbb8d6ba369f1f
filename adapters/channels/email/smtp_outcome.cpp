#include "adapters/channels/email/smtp_outcome.hpp"

#include <curl/curl.h>

namespace seminarflow::email {
namespace {

bool network_trouble(CURLcode code) {
    switch (code) {
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_CONNECT:
    case CURLE_OPERATION_TIMEDOUT:
    case CURLE_SEND_ERROR:
    case CURLE_RECV_ERROR:
    case CURLE_GOT_NOTHING:
    case CURLE_AGAIN:
        return true;
    default:
        return false;
    }
}

}  // namespace

ChannelOutcome smtp_outcome(int curl_code, long reply, std::string_view error) {
    const auto code = static_cast<CURLcode>(curl_code);
    if (code == CURLE_OK) return ChannelOutcome::success(reply > 0 ? static_cast<int>(reply) : 250);
    // Only a refusal's code is kept: after a dropped connection the last reply is a 250 that
    // says nothing of the failure.
    const std::optional<int> status = reply >= 400 ? std::optional<int>(static_cast<int>(reply)) : std::nullopt;
    std::string what(error.empty() ? curl_easy_strerror(code) : error);
    if (status) what = "the relay answered " + std::to_string(*status) + ": " + what;
    // A reply code says it best: libcurl ends a refused RCPT or DATA with a send or "weird
    // reply" error whatever the code was.
    if (status && *status >= 400 && *status < 500) return ChannelOutcome::retryable(status, std::move(what));
    if (status && *status >= 500) return ChannelOutcome::final(status, std::move(what));
    if (network_trouble(code)) return ChannelOutcome::retryable(std::nullopt, std::move(what));
    return ChannelOutcome::final(status, std::move(what));
}

}  // namespace seminarflow::email
