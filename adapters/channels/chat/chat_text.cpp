#include "adapters/channels/chat/chat_text.hpp"

namespace seminarflow::channels {
namespace {

// The length of the UTF-8 character starting with `lead` (1 for a stray byte: valid input has none).
std::size_t sequence_length(unsigned char lead) {
    if (lead >= 0xF0) return 4;
    if (lead >= 0xE0) return 3;
    if (lead >= 0xC0) return 2;
    return 1;
}

// Code units of one character, plain or escaped.
std::size_t units(std::string_view character, Escape escape, Counted counted) {
    if (character.size() == 4) return 2;  // beyond the BMP: a surrogate pair
    if (character.size() > 1) return 1;
    const std::string_view replaced = escape(character[0]);
    return counted == Counted::escaped && !replaced.empty() ? replaced.size() : 1;
}

void append(std::string& out, std::string_view character, Escape escape) {
    const std::string_view replaced = character.size() == 1 ? escape(character[0]) : std::string_view{};
    out += replaced.empty() ? character : replaced;
}

template <class Visit>
void each_character(std::string_view text, Visit&& visit) {
    for (std::size_t at = 0; at < text.size();) {
        const std::size_t size = std::min(sequence_length(static_cast<unsigned char>(text[at])), text.size() - at);
        if (!visit(text.substr(at, size))) return;
        at += size;
    }
}

}  // namespace

std::string_view no_escape(char) { return {}; }

std::string_view html_escape(char byte) {
    switch (byte) {
    case '&': return "&amp;";
    case '<': return "&lt;";
    case '>': return "&gt;";
    default: return {};
    }
}

std::string_view markdown_escape(char byte) {
    switch (byte) {
    case '\\': return "\\\\";
    case '*': return "\\*";
    case '_': return "\\_";
    case '~': return "\\~";
    case '`': return "\\`";
    case '|': return "\\|";
    case '>': return "\\>";
    case '#': return "\\#";
    case '[': return "\\[";
    case ']': return "\\]";
    default: return {};
    }
}

std::string_view mattermost_escape(char byte) {
    switch (byte) {
    case '<': return "\\<";
    case '@': return "@\u200B";
    default: return markdown_escape(byte);
    }
}

std::string_view google_chat_escape(char byte) {
    switch (byte) {
    case '*': return "\u200B*\u200B";
    case '_': return "\u200B_\u200B";
    case '~': return "\u200B~\u200B";
    case '`': return "\u200B`\u200B";
    case '<': return "<\u200B";
    default: return {};
    }
}

std::string teams_line_escape(std::string_view line) {
    std::string out;
    // An ordered list item is digits, then ". ": the dot is what makes it one.
    std::size_t digits = 0;
    while (digits < line.size() && line[digits] >= '0' && line[digits] <= '9') ++digits;
    std::size_t marker = std::string_view::npos;
    if (line.size() >= 2 && (line[0] == '-' || line[0] == '+') && line[1] == ' ') marker = 0;
    if (digits > 0 && line.size() > digits + 1 && line[digits] == '.' && line[digits + 1] == ' ') marker = digits;
    for (std::size_t at = 0; at < line.size(); ++at) {
        if (at == marker) {
            out += '\\';
            out += line[at];
            continue;
        }
        const std::string_view replaced = markdown_escape(line[at]);  // '*' at the start is escaped here
        if (replaced.empty()) {
            out += line[at];
        } else {
            out += replaced;
        }
    }
    return out;
}

std::size_t utf16_length(std::string_view utf8) { return escaped_length(utf8, no_escape, Counted::escaped); }

std::size_t escaped_length(std::string_view plain, Escape escape, Counted counted) {
    std::size_t total = 0;
    each_character(plain, [&](std::string_view character) {
        total += units(character, escape, counted);
        return true;
    });
    return total;
}

std::string escape_within(std::string_view plain, std::size_t limit, Escape escape, Counted counted) {
    std::string out;
    out.reserve(plain.size());
    if (escaped_length(plain, escape, counted) <= limit) {
        each_character(plain, [&](std::string_view character) {
            append(out, character, escape);
            return true;
        });
        return out;
    }
    if (limit == 0) return out;
    // Room for the ellipsis; what is kept ends at the last whole character (and escape) that fits.
    const std::size_t room = limit - 1;
    std::size_t used = 0;
    std::size_t kept_plain = 0;
    each_character(plain, [&](std::string_view character) {
        const std::size_t size = units(character, escape, counted);
        if (used + size > room) return false;
        used += size;
        kept_plain += character.size();
        return true;
    });
    std::string_view kept = plain.substr(0, kept_plain);
    while (!kept.empty() && (kept.back() == ' ' || kept.back() == '\n' || kept.back() == '\t')) kept.remove_suffix(1);
    each_character(kept, [&](std::string_view character) {
        append(out, character, escape);
        return true;
    });
    out += ellipsis;
    return out;
}

}  // namespace seminarflow::channels
