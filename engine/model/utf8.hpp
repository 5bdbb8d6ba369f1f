#pragma once
// Vietnamese text is multi-byte UTF-8: anything that cuts text must cut between characters.
#include <string>
#include <string_view>

namespace seminarflow {

// The longest prefix of `text` no longer than `max_bytes` that ends on a character boundary.
std::string utf8_prefix(std::string_view text, std::size_t max_bytes);

}  // namespace seminarflow
