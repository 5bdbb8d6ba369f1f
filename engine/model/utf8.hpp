#pragma once
// Vietnamese text is multi-byte UTF-8: anything that cuts text must cut between characters.
#include <string>
#include <string_view>

namespace seminarflow {

// The longest prefix of `text` no longer than `max_bytes` that ends on a character boundary.
std::string utf8_prefix(std::string_view text, std::size_t max_bytes);

// Whether `text` is well-formed UTF-8 (RFC 3629: no overlong forms, surrogates or code points
// past U+10FFFF): what PostgreSQL will store, checked before it is asked to.
bool valid_utf8(std::string_view text);

// How many characters (code points) `text`, valid UTF-8, holds.
std::size_t utf8_length(std::string_view text);

}  // namespace seminarflow
