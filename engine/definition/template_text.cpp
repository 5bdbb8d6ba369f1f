#include "engine/definition/template_text.hpp"

namespace seminarflow {
namespace {

bool is_field_path(std::string_view path) {
    if (path.empty() || path.front() == '.' || path.back() == '.' || path.find("..") != std::string_view::npos) {
        return false;
    }
    return path.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789_.") == std::string_view::npos;
}

std::string_view trimmed(std::string_view text) {
    const auto first = text.find_first_not_of(' ');
    if (first == std::string_view::npos) return {};
    return text.substr(first, text.find_last_not_of(' ') - first + 1);
}

}  // namespace

Result<std::vector<TemplatePiece>, std::string> parse_template_text(std::string_view text) {
    std::vector<TemplatePiece> pieces;
    std::size_t at = 0;
    while (at < text.size()) {
        const std::size_t open = text.find("{{", at);
        if (open != at) {
            const std::size_t end = open == std::string_view::npos ? text.size() : open;
            pieces.push_back({false, std::string(text.substr(at, end - at))});
            if (open == std::string_view::npos) break;
        }
        // A lone `{{` would print as is to every participant.
        const std::size_t close = text.find("}}", open + 2);
        if (close == std::string_view::npos) return fail(std::string("a `{{` is never closed with `}}`"));
        const std::string_view inside = text.substr(open + 2, close - open - 2);
        const std::string_view path = trimmed(inside);
        if (!is_field_path(path)) return fail("`{{" + std::string(inside) + "}}` is not a field name");
        pieces.push_back({true, std::string(path)});
        at = close + 2;
    }
    return pieces;
}

std::string_view placeholder_field(std::string_view path) { return path.substr(0, path.find('.')); }

}  // namespace seminarflow
