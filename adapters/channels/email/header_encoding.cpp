#include "adapters/channels/email/header_encoding.hpp"

#include <algorithm>

#include "engine/model/utf8.hpp"

namespace seminarflow::email {
namespace {

constexpr std::string_view alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
constexpr std::string_view word_prefix = "=?UTF-8?B?";
constexpr std::string_view word_suffix = "?=";
constexpr std::size_t max_word = 75;

std::size_t base64_size(std::size_t bytes) { return (bytes + 2) / 3 * 4; }

// The most bytes whose encoded-word fits in `room` characters.
std::size_t bytes_for(std::size_t room) {
    const std::size_t overhead = word_prefix.size() + word_suffix.size();
    if (room <= overhead + 4) return 0;
    return (room - overhead) / 4 * 3;
}

std::size_t longest_word(std::string_view text) {
    std::size_t longest = 0;
    while (!text.empty()) {
        const std::size_t end = text.find(' ');
        longest = std::max(longest, std::min(end, text.size()));
        text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
    }
    return longest;
}

}  // namespace

std::string base64(std::string_view bytes) {
    std::string out;
    out.reserve(base64_size(bytes.size()));
    std::size_t i = 0;
    for (; i + 3 <= bytes.size(); i += 3) {
        const unsigned n = (static_cast<unsigned char>(bytes[i]) << 16) |
                           (static_cast<unsigned char>(bytes[i + 1]) << 8) | static_cast<unsigned char>(bytes[i + 2]);
        out += alphabet[(n >> 18) & 63];
        out += alphabet[(n >> 12) & 63];
        out += alphabet[(n >> 6) & 63];
        out += alphabet[n & 63];
    }
    const std::size_t left = bytes.size() - i;
    if (left > 0) {
        unsigned n = static_cast<unsigned char>(bytes[i]) << 16;
        if (left == 2) n |= static_cast<unsigned char>(bytes[i + 1]) << 8;
        out += alphabet[(n >> 18) & 63];
        out += alphabet[(n >> 12) & 63];
        out += left == 2 ? alphabet[(n >> 6) & 63] : '=';
        out += '=';
    }
    return out;
}

std::string base64_lines(std::string_view bytes) {
    const std::string encoded = base64(bytes);
    std::string out;
    for (std::size_t at = 0; at < encoded.size(); at += max_line) {
        out.append(encoded, at, max_line);
        out += "\r\n";
    }
    return out;
}

std::vector<std::string> encoded_words(std::string_view text, std::size_t first_room) {
    std::vector<std::string> words;
    std::size_t room = std::min(first_room, max_word);
    while (!text.empty()) {
        std::string chunk = utf8_prefix(text, bytes_for(room));
        // Not even one character fits what is left of the line: it goes whole on the next.
        if (chunk.empty()) chunk = utf8_prefix(text, bytes_for(max_word));
        if (chunk.empty()) chunk = std::string(text.substr(0, 1));  // not UTF-8: a byte at a time
        words.push_back(std::string(word_prefix) + base64(chunk) + std::string(word_suffix));
        text.remove_prefix(chunk.size());
        room = max_word;
    }
    return words;
}

bool plain_text(std::string_view text) {
    for (const char c : text) {
        if (c < ' ' || c > '~') return false;
    }
    return text.find("=?") == std::string_view::npos;
}

HeaderField::HeaderField(std::string_view name) : text_(std::string(name) + ":"), line_(text_.size()) {}

void HeaderField::add(std::string_view token) {
    if (line_ + 1 + token.size() > max_line && line_ > 1) {
        text_ += "\r\n";
        line_ = 0;
    }
    text_ += ' ';
    text_ += token;
    line_ += 1 + token.size();
}

std::size_t HeaderField::room() const { return line_ + 1 < max_line ? max_line - line_ - 1 : 0; }

void HeaderField::add_text(std::string_view text) {
    // A word too long for a folded line would stretch its line past any limit (scripts/fuzz.sh
    // found one over RFC 5322's 998): encoded-words can be cut anywhere, words cannot.
    if (!plain_text(text) || longest_word(text) > max_line - 1) {
        for (const std::string& word : encoded_words(text, room())) add(word);
        return;
    }
    // Runs of spaces become one: a folded line keeps words, not layout.
    while (!text.empty()) {
        const std::size_t start = text.find_first_not_of(' ');
        if (start == std::string_view::npos) break;
        text.remove_prefix(start);
        const std::size_t end = text.find(' ');
        add(text.substr(0, end));
        text.remove_prefix(end == std::string_view::npos ? text.size() : end);
    }
}

std::string HeaderField::str() const { return text_ + "\r\n"; }

std::string text_field(std::string_view name, std::string_view text) {
    HeaderField field(name);
    field.add_text(text);
    return field.str();
}

}  // namespace seminarflow::email
