#pragma once
// How a try to hand a message to the relay reads as a channel outcome (pure; the channel sends):
//
//   the relay took it (250 after DATA)                 success
//   a 4xx reply (451 busy, 452 full, 421 closing ...)  retryable
//   a 5xx reply (550 no such mailbox, 535 bad login)   final failure
//   refused, unreachable, timed out, cut off           retryable
//   TLS that cannot be had or trusted, a bad URL       final failure: an operator must act
//
// libcurl says how the transfer ended (its CURLcode) and the relay's last reply code.
#include <string_view>

#include "engine/ports/channel.hpp"

namespace seminarflow::email {

// `curl_code` is a CURLcode; `reply` the last SMTP reply code (0: none); `error` libcurl's words.
ChannelOutcome smtp_outcome(int curl_code, long reply, std::string_view error);

}  // namespace seminarflow::email
