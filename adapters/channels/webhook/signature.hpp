#pragma once
// Standard Webhooks signatures (https://www.standardwebhooks.com/): HMAC-SHA256 of
// "<webhook-id>.<webhook-timestamp>.<body>", keyed with the secret's bytes (the base64 after
// "whsec_"), written "v1,<base64>"; several secrets during a rotation sign side by side,
// space-separated, so that a receiver holding either one verifies.
#include <string>
#include <string_view>
#include <vector>

#include "engine/model/result.hpp"

namespace seminarflow::webhook {

struct SecretError {
    std::string message;
};

// The key inside "whsec_<base64>". Refuses anything else: a missing prefix, bad base64, or a key
// shorter than 24 bytes or longer than 64 (Standard Webhooks asks for 24 to 64).
Result<std::string, SecretError> secret_key(std::string_view secret);

// A new random secret for an endpoint: "whsec_" + base64 of 32 random bytes.
std::string new_secret();

// "v1,<base64 HMAC-SHA256(key, id.timestamp.body)>".
std::string sign(std::string_view key, std::string_view id, long long timestamp, std::string_view body);

// The webhook-signature header: one "v1,..." per secret, in order, space-separated. Refuses (and
// names) a secret that is not a whsec_ secret; no secrets at all is refused too.
Result<std::string, SecretError> signature_header(const std::vector<std::string>& secrets, std::string_view id,
                                                  long long timestamp, std::string_view body);

std::string base64_encode(std::string_view bytes);

}  // namespace seminarflow::webhook
