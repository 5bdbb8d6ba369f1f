#include "adapters/channels/webhook/response_policy.hpp"

#include <array>
#include <charconv>

namespace seminarflow::webhook {
namespace {

std::optional<int> number(std::string_view text) {
    int value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc{} || end != text.data() + text.size()) return std::nullopt;
    return value;
}

// "Sun, 06 Nov 1994 08:49:37 GMT": exactly that shape, as RFC 9110 asks senders to write it.
std::optional<Time> parse_imf_fixdate(std::string_view text) {
    static constexpr std::array<std::string_view, 12> months = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                                "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    if (text.size() != 29 || text.substr(3, 2) != ", " || text[7] != ' ' || text[11] != ' ' || text[16] != ' ' ||
        text[19] != ':' || text[22] != ':' || text.substr(25) != " GMT") {
        return std::nullopt;
    }
    const auto day = number(text.substr(5, 2));
    const auto year = number(text.substr(12, 4));
    const auto hour = number(text.substr(17, 2));
    const auto minute = number(text.substr(20, 2));
    const auto second = number(text.substr(23, 2));
    unsigned month = 0;
    for (unsigned i = 0; i < months.size(); ++i) {
        if (months[i] == text.substr(8, 3)) month = i + 1;
    }
    if (!day || !year || !hour || !minute || !second || month == 0 || *hour > 23 || *minute > 59 || *second > 60) {
        return std::nullopt;
    }
    const std::chrono::year_month_day date{std::chrono::year(*year), std::chrono::month(month),
                                           std::chrono::day(static_cast<unsigned>(*day))};
    if (!date.ok()) return std::nullopt;
    return std::chrono::sys_days(date) + std::chrono::hours(*hour) + std::chrono::minutes(*minute) +
           std::chrono::seconds(*second);
}

std::string reason(int status) { return "the receiver answered " + std::to_string(status); }

}  // namespace

std::optional<Duration> parse_retry_after(std::string_view value, Time now) {
    while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) value.remove_prefix(1);
    while (!value.empty() && (value.back() == ' ' || value.back() == '\t')) value.remove_suffix(1);
    if (!value.empty() && value.find_first_not_of("0123456789") == std::string_view::npos) {
        if (value.size() > 9) return std::chrono::hours(24 * 365);  // absurdly long: the policy caps it
        return std::chrono::seconds(*number(value));
    }
    const auto date = parse_imf_fixdate(value);
    if (!date) return std::nullopt;
    return *date > now ? *date - now : Duration(0);
}

ChannelOutcome outcome_for_status(int status, std::optional<std::string_view> retry_after, Time now) {
    if (status >= 200 && status <= 299) return ChannelOutcome::success(status);
    if (status >= 300 && status <= 399) {
        return ChannelOutcome::final(status, reason(status) + " (a redirect, not followed)");
    }
    if (status == 410) return ChannelOutcome::disable(status, reason(status) + " (Gone): the endpoint is disabled");
    if ((status == 429 || status == 503) && retry_after) {
        if (const auto wait = parse_retry_after(*retry_after, now)) {
            return ChannelOutcome::retry_later(*wait, status, reason(status) + ", Retry-After " + std::string(*retry_after));
        }
    }
    if (status == 408 || status == 429 || (status >= 500 && status <= 599)) {
        return ChannelOutcome::retryable(status, reason(status));
    }
    return ChannelOutcome::final(status, reason(status));
}

}  // namespace seminarflow::webhook
