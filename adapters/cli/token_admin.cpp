#include "adapters/cli/token_admin.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <set>

#include "engine/model/utf8.hpp"

namespace seminarflow {
namespace {

bool has_control_character(std::string_view text) {
    return std::any_of(text.begin(), text.end(), [](char c) {
        const auto byte = static_cast<unsigned char>(c);
        return byte < 0x20 || byte == 0x7F;
    });
}

bool is_blank(std::string_view text) { return text.find_first_not_of(' ') == std::string_view::npos; }

bool looks_like_uuid(std::string_view text) {
    if (text.size() != 36) return false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const bool dash = i == 8 || i == 13 || i == 18 || i == 23;
        if (dash != (text[i] == '-')) return false;
        if (!dash && !std::isxdigit(static_cast<unsigned char>(text[i]))) return false;
    }
    return true;
}

// Why `text` cannot be stored as a `what` of at most `most` characters.
std::optional<std::string> text_problem(std::string_view text, std::string_view what, std::size_t most) {
    const std::string quoted = "'" + std::string(text) + "'";
    if (!valid_utf8(text)) return std::string(what) + " is not valid UTF-8";
    if (is_blank(text)) return std::string(what) + " is blank";
    if (has_control_character(text)) return std::string(what) + " " + quoted + " holds a control character";
    if (utf8_length(text) > most) {
        return std::string(what) + " " + quoted + " is longer than " + std::to_string(most) + " characters";
    }
    return std::nullopt;
}

// To the second: a person reading the list wants no milliseconds.
std::string time_or(const std::optional<Time>& time, std::string_view otherwise) {
    return time ? format_rfc3339(std::chrono::floor<std::chrono::seconds>(*time)) : std::string(otherwise);
}

std::string joined(const std::vector<std::string>& units) {
    if (units.empty()) return "-";
    std::string text;
    for (const auto& unit : units) text += (text.empty() ? "" : "; ") + unit;
    return text;
}

}  // namespace

std::optional<std::string> token_name_problem(std::string_view name) {
    if (auto problem = text_problem(name, "the name", 100)) return problem;
    if (looks_like_uuid(name)) return "the name '" + std::string(name) + "' looks like a token id; choose another";
    return std::nullopt;
}

std::optional<std::string> token_units_problem(const std::vector<std::string>& units) {
    std::set<std::string_view> seen;
    for (const std::string& unit : units) {
        if (auto problem = text_problem(unit, "a unit", 200)) return problem;
        if (!seen.insert(unit).second) return "the unit '" + unit + "' is given twice";
    }
    return std::nullopt;
}

std::optional<TokenChoice> choose_token(const std::vector<ApiToken>& tokens, std::string_view name_or_id) {
    for (const ApiToken& token : tokens) {
        if (token.id == name_or_id) return TokenChoice{token, !token.revoked()};
    }
    std::optional<TokenChoice> revoked;
    for (const ApiToken& token : tokens) {
        if (token.name != name_or_id) continue;
        if (!token.revoked()) return TokenChoice{token, true};  // names are unique among these
        revoked = TokenChoice{token, false};                     // the latest, as tokens are oldest first
    }
    return revoked;
}

std::string token_table(const std::vector<ApiToken>& tokens) {
    using Row = std::array<std::string, 7>;
    std::vector<Row> rows{{"ID", "NAME", "ROLE", "UNITS", "CREATED", "LAST USED", "REVOKED"}};
    for (const ApiToken& token : tokens) {
        rows.push_back({token.id, token.name, std::string(role_name(token.role)), joined(token.units),
                        time_or(token.created_at, "-"), time_or(token.last_used_at, "never"),
                        time_or(token.revoked_at, "-")});
    }
    // Columns as wide as their widest cell, counted in characters: Vietnamese names line up.
    std::array<std::size_t, 7> widths{};
    for (const Row& row : rows) {
        for (std::size_t column = 0; column < row.size(); ++column) {
            widths[column] = std::max(widths[column], utf8_length(row[column]));
        }
    }
    std::string table;
    for (const Row& row : rows) {
        std::string line;
        for (std::size_t column = 0; column < row.size(); ++column) {
            line += row[column];
            if (column + 1 < row.size()) line += std::string(widths[column] - utf8_length(row[column]) + 2, ' ');
        }
        table += line + '\n';
    }
    return table;
}

}  // namespace seminarflow
