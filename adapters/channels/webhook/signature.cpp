#include "adapters/channels/webhook/signature.hpp"

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>

#include <stdexcept>

namespace seminarflow::webhook {
namespace {

constexpr std::string_view prefix = "whsec_";

// Strict base64 (RFC 4648, padded): OpenSSL's decoder skips whitespace and ignores what follows
// padding, so the text is checked first.
bool is_base64(std::string_view text) {
    if (text.empty() || text.size() % 4 != 0) return false;
    std::size_t padding = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '=') {
            if (i + 2 < text.size()) return false;
            ++padding;
            continue;
        }
        if (padding > 0) return false;
        const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/';
        if (!ok) return false;
    }
    return true;
}

std::string base64_decode(std::string_view text) {
    std::string bytes(text.size() / 4 * 3, '\0');
    const int length = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(bytes.data()),
                                       reinterpret_cast<const unsigned char*>(text.data()), static_cast<int>(text.size()));
    // EVP_DecodeBlock counts the padding's zero bytes too.
    std::size_t size = static_cast<std::size_t>(std::max(length, 0));
    if (text.ends_with("==")) size -= 2;
    else if (text.ends_with("=")) size -= 1;
    bytes.resize(size);
    return bytes;
}

}  // namespace

std::string base64_encode(std::string_view bytes) {
    std::string text(4 * ((bytes.size() + 2) / 3), '\0');
    const int length = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(text.data()),
                                       reinterpret_cast<const unsigned char*>(bytes.data()), static_cast<int>(bytes.size()));
    text.resize(static_cast<std::size_t>(length));
    return text;
}

Result<std::string, SecretError> secret_key(std::string_view secret) {
    if (!secret.starts_with(prefix)) return fail(SecretError{"a signing secret starts with whsec_"});
    const std::string_view encoded = secret.substr(prefix.size());
    if (!is_base64(encoded)) return fail(SecretError{"a signing secret is whsec_ followed by base64"});
    std::string key = base64_decode(encoded);
    if (key.size() < 24 || key.size() > 64) {
        return fail(SecretError{"a signing secret holds 24 to 64 bytes, not " + std::to_string(key.size())});
    }
    return key;
}

std::string new_secret() {
    unsigned char bytes[32];
    if (RAND_bytes(bytes, sizeof bytes) != 1) throw std::runtime_error("OpenSSL could not make random bytes");
    return std::string(prefix) + base64_encode(std::string_view(reinterpret_cast<const char*>(bytes), sizeof bytes));
}

std::string sign(std::string_view key, std::string_view id, long long timestamp, std::string_view body) {
    std::string content;
    content.reserve(id.size() + body.size() + 24);
    content.append(id).append(".").append(std::to_string(timestamp)).append(".").append(body);
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int digest_length = 0;
    // The one-shot HMAC(): OpenSSL 3 deprecates the HMAC_CTX calls, not this.
    if (HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()), reinterpret_cast<const unsigned char*>(content.data()),
             content.size(), digest, &digest_length) == nullptr) {
        throw std::runtime_error("OpenSSL could not compute an HMAC-SHA256");
    }
    return "v1," + base64_encode(std::string_view(reinterpret_cast<const char*>(digest), digest_length));
}

Result<std::string, SecretError> signature_header(const std::vector<std::string>& secrets, std::string_view id,
                                                  long long timestamp, std::string_view body) {
    if (secrets.empty()) return fail(SecretError{"the endpoint has no signing secret"});
    std::string header;
    for (std::size_t i = 0; i < secrets.size(); ++i) {
        auto key = secret_key(secrets[i]);
        if (!key) return fail(SecretError{"signing secret " + std::to_string(i + 1) + ": " + key.error().message});
        if (!header.empty()) header += ' ';
        header += sign(*key, id, timestamp, body);
    }
    return header;
}

}  // namespace seminarflow::webhook
