#pragma once
// The API's bearer tokens as secrets: how one is made, how it is recognised, and the hash the
// store keeps instead of it (engine/ports/api_tokens.hpp).
#include <optional>
#include <string>
#include <string_view>

namespace seminarflow::http {

// Every token starts with it, so that one is recognisable as seminarflow's in a log, a paste or
// a secret scanner's findings.
inline constexpr std::string_view token_prefix = "sft_";

// A new token: the prefix, then 32 bytes (256 bits) from OpenSSL's CSPRNG in base64url without
// padding (43 characters). Throws std::runtime_error if the generator cannot give them: there is
// no safe token to hand out then.
std::string generate_token();

// Whether `text` has a token's shape. One that does not is refused without asking the store.
bool well_formed_token(std::string_view text);

// What the store keeps of `token`: its SHA-256, lower-case hex. A fast, unsalted hash is right
// here, unlike for passwords: a token is 256 random bits, so there is no dictionary to try and no
// search a slow hash would slow down enough to matter; and without a salt the hash is the key
// the store looks the token up by, in one indexed step.
std::string token_hash(std::string_view token);

// The credentials of an Authorization header of the `Bearer` scheme (case-insensitive), blanks
// around them trimmed; nothing if the header names another scheme or none.
std::optional<std::string_view> bearer_credentials(std::string_view header);

}  // namespace seminarflow::http
