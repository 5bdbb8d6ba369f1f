#pragma once
// CSV as RFC 4180 writes it: fields separated by commas, a field quoted when it holds a comma,
// a double quote (doubled inside) or a line break, records ended by CRLF. Pure.
//
// A document starts with the UTF-8 byte order mark: Excel opens a CSV file without one in the
// machine's ANSI code page (Windows-1258 on a Vietnamese Windows, 1252 elsewhere), which turns
// every Vietnamese letter into mojibake; with it, Excel and LibreOffice both read UTF-8.
// Programs that read CSV as data (Python's csv with encoding="utf-8-sig", pandas) skip it.
// Text that a spreadsheet would run as a formula is written with a leading apostrophe (csv.cpp).
#include <string>
#include <string_view>
#include <vector>

namespace seminarflow {

inline constexpr std::string_view utf8_bom = "\xEF\xBB\xBF";

class CsvDocument {
public:
    explicit CsvDocument(const std::vector<std::string>& header);
    void add_row(const std::vector<std::string>& fields);
    const std::string& text() const { return text_; }

private:
    std::string text_;
};

// One field, quoted if it must be.
std::string csv_field(std::string_view value);

}  // namespace seminarflow
