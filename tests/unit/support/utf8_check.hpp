#pragma once
// An independent UTF-8 validator, so that tests of text cutting do not trust the code they test.
#include <string_view>

namespace seminarflow::test {

// Well-formed UTF-8 (RFC 3629): no stray continuation bytes, no truncated or overlong sequences,
// no surrogates, nothing above U+10FFFF.
bool is_valid_utf8(std::string_view text);

}  // namespace seminarflow::test
