#pragma once
// Header fields as RFC 5322 and RFC 2047 want them: lines of at most 76 characters, folded at
// whitespace, with text outside printable ASCII carried in UTF-8 "B" encoded-words, each at most
// 75 characters and never splitting a character (RFC 2047 section 5: each encoded-word must hold
// whole characters). Pure.
#include <string>
#include <string_view>
#include <vector>

namespace seminarflow::email {

inline constexpr std::size_t max_line = 76;

// Base64 (RFC 4648) of `bytes`, on one line.
std::string base64(std::string_view bytes);
// Base64 in lines of 76 characters, each ended by CRLF: a MIME body (RFC 2045 section 6.8).
std::string base64_lines(std::string_view bytes);

// `text` (UTF-8) as encoded-words, the first at most `first_room` characters long (what is left
// of its line), the others at most 75. Nothing for empty text.
std::vector<std::string> encoded_words(std::string_view text, std::size_t first_room);

// Whether `text` can stand as it is in an unstructured field: printable ASCII and spaces, and no
// "=?" that a reader could take for the start of an encoded-word.
bool plain_text(std::string_view text);

// "Name: value\r\n", the value's tokens folded onto continuation lines so that no line passes 76
// characters (a token longer than a line stands alone on its own).
class HeaderField {
public:
    explicit HeaderField(std::string_view name);
    // One token, after a space (or after the colon, for the first).
    void add(std::string_view token);
    // Text as RFC 2047 encoded-words when it is not plain, else word by word.
    void add_text(std::string_view text);
    std::size_t room() const;  // characters left on the current line, after a separating space
    std::string str() const;   // with the closing CRLF

private:
    std::string text_;
    std::size_t line_ = 0;  // characters on the current line
};

// A whole unstructured field (Subject): `name`, then `text`.
std::string text_field(std::string_view name, std::string_view text);

}  // namespace seminarflow::email
