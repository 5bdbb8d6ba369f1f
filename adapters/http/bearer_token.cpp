#include "adapters/http/bearer_token.hpp"

#include <openssl/rand.h>

#include <array>
#include <cctype>
#include <stdexcept>

#include "engine/runtime/definition_records.hpp"

namespace seminarflow::http {
namespace {

constexpr std::size_t secret_bytes = 32;
constexpr std::size_t encoded_length = (secret_bytes * 8 + 5) / 6;  // 43: base64url, unpadded
constexpr std::string_view alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

std::string base64url(const unsigned char* bytes, std::size_t size) {
    std::string text;
    text.reserve((size * 8 + 5) / 6);
    unsigned buffer = 0;
    int bits = 0;
    for (std::size_t i = 0; i < size; ++i) {
        buffer = (buffer << 8) | bytes[i];
        bits += 8;
        while (bits >= 6) {
            bits -= 6;
            text += alphabet[(buffer >> bits) & 0x3F];
        }
    }
    if (bits > 0) text += alphabet[(buffer << (6 - bits)) & 0x3F];
    return text;
}

bool is_blank(char c) { return c == ' ' || c == '\t'; }

std::string_view trimmed(std::string_view text) {
    while (!text.empty() && is_blank(text.front())) text.remove_prefix(1);
    while (!text.empty() && is_blank(text.back())) text.remove_suffix(1);
    return text;
}

}  // namespace

std::string generate_token() {
    std::array<unsigned char, secret_bytes> secret{};
    if (RAND_bytes(secret.data(), static_cast<int>(secret.size())) != 1) {
        throw std::runtime_error("OpenSSL's random generator could not make a token");
    }
    return std::string(token_prefix) + base64url(secret.data(), secret.size());
}

bool well_formed_token(std::string_view text) {
    if (!text.starts_with(token_prefix) || text.size() != token_prefix.size() + encoded_length) return false;
    text.remove_prefix(token_prefix.size());
    return text.find_first_not_of(alphabet) == std::string_view::npos;
}

std::string token_hash(std::string_view token) { return sha256_hex(token); }

std::optional<std::string_view> bearer_credentials(std::string_view header) {
    header = trimmed(header);
    constexpr std::string_view scheme = "bearer";
    if (header.size() < scheme.size()) return std::nullopt;
    for (std::size_t i = 0; i < scheme.size(); ++i) {
        if (std::tolower(static_cast<unsigned char>(header[i])) != scheme[i]) return std::nullopt;
    }
    const std::string_view rest = header.substr(scheme.size());
    if (!rest.empty() && !is_blank(rest.front())) return std::nullopt;  // "Bearerx ..."
    return trimmed(rest);
}

}  // namespace seminarflow::http
