#include "engine/exports/csv.hpp"

namespace seminarflow {

namespace {

bool number(std::string_view text) {
    if (!text.empty() && text.front() == '-') text.remove_prefix(1);
    return !text.empty() && text.find_first_not_of("0123456789") == std::string_view::npos;
}

// A spreadsheet runs a cell that starts with = + - @ as a formula: a unit's name written by a
// member ("=HYPERLINK(...)") would run on the committee's machine. Such text gets a leading
// apostrophe, which spreadsheets show as text; numbers (amounts) stay numbers.
std::string defused(std::string_view value) {
    if (value.empty() || number(value)) return std::string(value);
    if (std::string_view("=+-@\t\r").find(value.front()) == std::string_view::npos) return std::string(value);
    return "'" + std::string(value);
}

}  // namespace

std::string csv_field(std::string_view raw) {
    const std::string value = defused(raw);
    if (value.find_first_of(",\"\r\n") == std::string::npos) return value;
    std::string quoted = "\"";
    for (const char c : value) {
        if (c == '"') quoted += '"';
        quoted += c;
    }
    return quoted + "\"";
}

CsvDocument::CsvDocument(const std::vector<std::string>& header) : text_(utf8_bom) { add_row(header); }

void CsvDocument::add_row(const std::vector<std::string>& fields) {
    for (std::size_t i = 0; i < fields.size(); ++i) {
        if (i > 0) text_ += ',';
        text_ += csv_field(fields[i]);
    }
    text_ += "\r\n";
}

}  // namespace seminarflow
