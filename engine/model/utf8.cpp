#include "engine/model/utf8.hpp"

#include <cstdint>

namespace seminarflow {

std::string utf8_prefix(std::string_view text, std::size_t max_bytes) {
    if (text.size() <= max_bytes) return std::string(text);
    std::size_t end = max_bytes;
    // Step back over continuation bytes (10xxxxxx) to the start of the cut character.
    while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
    return std::string(text.substr(0, end));
}

namespace {

bool continuation(unsigned char byte) { return (byte & 0xC0) == 0x80; }

// The length of the character at text[at] if it is well-formed there, else 0.
std::size_t character_at(std::string_view text, std::size_t at) {
    const auto lead = static_cast<unsigned char>(text[at]);
    if (lead < 0x80) return 1;
    std::size_t size = 0;
    std::uint32_t code = 0;
    std::uint32_t least = 0;  // below it, the same character has a shorter (overlong) form
    if (lead >= 0xC2 && lead <= 0xDF) {
        size = 2, code = lead & 0x1Fu, least = 0x80;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
        size = 3, code = lead & 0x0Fu, least = 0x800;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
        size = 4, code = lead & 0x07u, least = 0x10000;
    } else {
        return 0;  // a stray continuation byte, an overlong lead (C0, C1) or one past U+10FFFF
    }
    if (text.size() - at < size) return 0;
    for (std::size_t k = 1; k < size; ++k) {
        const auto byte = static_cast<unsigned char>(text[at + k]);
        if (!continuation(byte)) return 0;
        code = (code << 6) | (byte & 0x3Fu);
    }
    if (code < least || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) return 0;
    return size;
}

}  // namespace

bool valid_utf8(std::string_view text) {
    for (std::size_t at = 0; at < text.size();) {
        const std::size_t size = character_at(text, at);
        if (size == 0) return false;
        at += size;
    }
    return true;
}

std::string utf8_repaired(std::string_view text) {
    std::string repaired;
    repaired.reserve(text.size());
    for (std::size_t at = 0; at < text.size();) {
        const std::size_t size = character_at(text, at);
        if (size == 0) {
            repaired += "\xEF\xBF\xBD";  // U+FFFD REPLACEMENT CHARACTER
            ++at;
            continue;
        }
        repaired.append(text.substr(at, size));
        at += size;
    }
    return repaired;
}

std::size_t utf8_length(std::string_view text) {
    std::size_t characters = 0;
    for (const char byte : text) characters += continuation(static_cast<unsigned char>(byte)) ? 0 : 1;
    return characters;
}

}  // namespace seminarflow
