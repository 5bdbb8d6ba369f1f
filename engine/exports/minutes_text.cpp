// The minutes as Markdown and as HTML (minutes.hpp), from the same sections.
#include <string_view>

#include "engine/exports/html_text.hpp"
#include "engine/exports/minutes.hpp"

namespace seminarflow {
namespace {

// CommonMark lets any ASCII punctuation be escaped with a backslash: these are the ones that
// start emphasis, code, links, headings, tables, entities or raw HTML wherever they stand.
std::string escape_markdown(std::string_view text) {
    std::string out;
    for (const char c : text) {
        if (std::string_view("\\`*_[]<>#|~!&").find(c) != std::string_view::npos) out += '\\';
        out += c;
    }
    return out;
}

// A line of prose that would start a list, a thematic break, a setext heading or a code block
// ("- ", "+ ", "1. ", "===", four spaces), written so that it stays prose: its indentation goes
// first, as CommonMark allows up to three spaces before any of them. Other text here never starts a
// line.
std::string escape_line_start(std::string line) {
    const std::size_t text_starts = line.find_first_not_of(" \t");
    line.erase(0, text_starts == std::string::npos ? line.size() : text_starts);
    if (!line.empty() && (line.front() == '-' || line.front() == '+' || line.front() == '=')) return "\\" + line;
    const std::size_t digits = line.find_first_not_of("0123456789");
    if (digits > 0 && digits != std::string::npos && (line[digits] == '.' || line[digits] == ')')) {
        line.insert(digits, 1, '\\');
    }
    return line;
}

// Paragraphs are separated by blank lines; a single line break stays a line break.
std::vector<std::string> paragraphs(std::string_view text) {
    std::vector<std::string> found;
    std::string current;
    while (!text.empty()) {
        const std::size_t end = text.find('\n');
        std::string_view line = text.substr(0, end);
        text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        if (line.find_first_not_of(" \t") == std::string_view::npos) {
            if (!current.empty()) found.push_back(std::move(current));
            current.clear();
            continue;
        }
        if (!current.empty()) current += '\n';
        current += line;
    }
    if (!current.empty()) found.push_back(std::move(current));
    return found;
}

std::string markdown_paragraph(std::string_view paragraph) {
    std::string out;
    for (const std::string& text : paragraphs(paragraph)) {
        std::string_view rest = text;
        while (!rest.empty()) {
            const std::size_t end = rest.find('\n');
            out += escape_line_start(escape_markdown(rest.substr(0, end)));
            rest.remove_prefix(end == std::string_view::npos ? rest.size() : end + 1);
            if (!rest.empty()) out += "  \n";  // two spaces: a hard line break
        }
        out += "\n\n";
    }
    return out;
}

std::string html_paragraph(std::string_view paragraph) {
    std::string out;
    for (const std::string& line : paragraphs(paragraph)) {
        std::string escaped = escape_html(line);
        for (std::size_t at = escaped.find('\n'); at != std::string::npos; at = escaped.find('\n', at + 5)) {
            escaped.replace(at, 1, "<br>\n");
        }
        out += "<p>" + escaped + "</p>\n";
    }
    return out;
}

}  // namespace

std::string minutes_markdown(const Minutes& minutes) {
    std::string out = "# " + escape_markdown(minutes.title) + "\n\n";
    for (const auto& [label, value] : minutes.facts) out += "- **" + escape_markdown(label) + ":** " + escape_markdown(value) + "\n";
    for (const MinutesSection& section : minutes.sections) {
        out += "\n## " + escape_markdown(section.heading) + "\n\n";
        if (!section.paragraph.empty()) out += markdown_paragraph(section.paragraph);
        for (const std::string& item : section.items) out += "- " + escape_markdown(item) + "\n";
        if (section.items.empty() && section.paragraph.empty()) out += "Không có.\n";
    }
    return out;
}

std::string minutes_html(const Minutes& minutes) {
    const std::string title = escape_html(minutes.title);
    std::string out = "<!DOCTYPE html>\n<html lang=\"vi\">\n<head>\n<meta charset=\"utf-8\">\n<title>" + title +
                      "</title>\n</head>\n<body>\n<h1>" + title + "</h1>\n<dl>\n";
    for (const auto& [label, value] : minutes.facts) {
        out += "<dt>" + escape_html(label) + "</dt><dd>" + escape_html(value) + "</dd>\n";
    }
    out += "</dl>\n";
    for (const MinutesSection& section : minutes.sections) {
        out += "<h2>" + escape_html(section.heading) + "</h2>\n";
        if (!section.paragraph.empty()) out += html_paragraph(section.paragraph);
        if (!section.items.empty()) {
            out += "<ul>\n";
            for (const std::string& item : section.items) out += "<li>" + escape_html(item) + "</li>\n";
            out += "</ul>\n";
        }
        if (section.items.empty() && section.paragraph.empty()) out += "<p>Không có.</p>\n";
    }
    return out + "</body>\n</html>\n";
}

}  // namespace seminarflow
