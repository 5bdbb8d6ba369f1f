#pragma once
// The languages seminarflow writes messages in (config/templates): what a unit, a person or a
// chat endpoint may be spoken to in.
#include <string_view>

namespace seminarflow {

inline bool is_message_language(std::string_view language) { return language == "vi" || language == "en"; }

}  // namespace seminarflow
