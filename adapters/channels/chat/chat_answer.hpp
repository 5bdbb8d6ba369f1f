#pragma once
// What the chat platforms' answers have in common, read as channel outcomes. Pure.
#include <boost/json/value.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "adapters/channels/http/http_answer.hpp"
#include "engine/model/time.hpp"
#include "engine/ports/channel.hpp"

namespace seminarflow::channels {

// What the platform said, in a line: the message its JSON carries (message, description,
// error.message, error), else the start of the body.
std::string answer_summary(std::string_view body);

// The body as a JSON object, or nothing when it is not one.
std::optional<boost::json::object> json_object(std::string_view body);

// A retry_after number in seconds (Discord sends fractions) as a wait, rounded up to the
// millisecond; nothing for what is not a non-negative number.
std::optional<Duration> seconds_value(const boost::json::value* value);

// An answer read as a plain HTTP receiver's (webhook/response_policy.hpp: 2xx success, 3xx final
// and never followed, 410 disables, 408/429/5xx retry and honour Retry-After, other 4xx final),
// its error naming the platform and what it said, its body kept as the excerpt.
ChannelOutcome read_http_answer(std::string_view platform, const HttpAnswer& answer, Time now);

// "<platform> answered <status>: <summary>".
std::string answered(std::string_view platform, const HttpAnswer& answer);

}  // namespace seminarflow::channels
