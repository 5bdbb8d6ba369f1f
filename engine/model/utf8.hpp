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

// `text` with each byte that starts no well-formed character replaced by U+FFFD: what a message
// that quotes a client's bytes (a path segment, say) can say in JSON, which must be UTF-8.
std::string utf8_repaired(std::string_view text);

// How many characters (code points) `text`, valid UTF-8, holds.
std::size_t utf8_length(std::string_view text);

}  // namespace seminarflow
