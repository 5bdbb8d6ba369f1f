#include "adapters/cli/csv_reader.hpp"

#include "engine/model/utf8.hpp"

namespace seminarflow {
namespace {

constexpr std::string_view byte_order_mark = "\xEF\xBB\xBF";

// Reads one record at a time from the text, keeping count of lines.
class CsvScanner {
public:
    explicit CsvScanner(std::string_view text) : text_(text) {}

    bool at_end() const { return at_ >= text_.size(); }
    std::size_t line() const { return line_; }

    // The record starting here (at the start of a line), or what is wrong with it.
    Result<CsvRecord, CsvError> record() {
        CsvRecord record{line_, {}};
        while (true) {
            const std::size_t column = record.fields.size() + 1;
            auto field = at_ < text_.size() && text_[at_] == '"' ? quoted(column) : unquoted(column);
            if (!field) return fail(std::move(field).error());
            if (!valid_utf8(*field)) return fail(CsvError{record.line, column, "the field is not UTF-8 text"});
            record.fields.push_back(std::move(field).value());
            if (at_ >= text_.size()) return record;
            const char separator = text_[at_];
            if (separator == ',') {
                ++at_;
                continue;
            }
            end_of_line(separator);
            return record;
        }
    }

    // Skips a line with nothing on it; false if the next line has something.
    bool skip_blank_line() {
        if (text_.compare(at_, 2, "\r\n") == 0) {
            at_ += 2;
        } else if (at_ < text_.size() && text_[at_] == '\n') {
            ++at_;
        } else {
            return false;
        }
        ++line_;
        return true;
    }

private:
    // After a field: LF or CRLF (a lone CR was refused where it was read).
    void end_of_line(char separator) {
        at_ += separator == '\r' ? 2 : 1;
        ++line_;
    }

    Result<std::string, CsvError> unquoted(std::size_t column) {
        std::string field;
        for (; at_ < text_.size(); ++at_) {
            const char c = text_[at_];
            if (c == ',' || c == '\n') break;
            if (c == '\r') {
                if (text_.compare(at_, 2, "\r\n") == 0) break;
                return fail(CsvError{line_, column, "a carriage return (CR) outside quotes that ends no line"});
            }
            if (c == '"') {
                return fail(CsvError{line_, column, "a double quote inside a field that does not start with one: "
                                                    "quote the whole field and double the quote (\"\")"});
            }
            field += c;
        }
        return field;
    }

    Result<std::string, CsvError> quoted(std::size_t column) {
        const std::size_t opened_on = line_;
        std::string field;
        ++at_;  // the opening quote
        while (true) {
            if (at_ >= text_.size()) {
                return fail(CsvError{opened_on, column, "a quoted field is never closed: a double quote is missing"});
            }
            const char c = text_[at_++];
            if (c == '\n') ++line_;
            if (c != '"') {
                field += c;
                continue;
            }
            if (at_ < text_.size() && text_[at_] == '"') {
                field += '"';
                ++at_;
                continue;
            }
            break;
        }
        const bool ends = at_ >= text_.size() || text_[at_] == ',' || text_[at_] == '\n' ||
                          text_.compare(at_, 2, "\r\n") == 0;
        if (!ends) {
            return fail(CsvError{line_, column, "something follows the closing double quote of a field: "
                                                "a quote inside a quoted field is written twice (\"\")"});
        }
        return field;
    }

    std::string_view text_;
    std::size_t at_ = 0;
    std::size_t line_ = 1;
};

}  // namespace

Result<std::vector<CsvRecord>, CsvError> read_csv(std::string_view text) {
    if (text.starts_with(byte_order_mark)) text.remove_prefix(byte_order_mark.size());
    CsvScanner scanner(text);
    std::vector<CsvRecord> records;
    while (!scanner.at_end()) {
        if (scanner.skip_blank_line()) continue;
        auto record = scanner.record();
        if (!record) return fail(std::move(record).error());
        if (!records.empty() && record->fields.size() != records.front().fields.size()) {
            const std::size_t expected = records.front().fields.size();
            const std::size_t got = record->fields.size();
            return fail(CsvError{record->line, std::min(expected, got) + 1,
                                 "the row has " + std::to_string(got) + " field(s), the header " +
                                     std::to_string(expected)});
        }
        records.push_back(std::move(record).value());
    }
    return records;
}

}  // namespace seminarflow
