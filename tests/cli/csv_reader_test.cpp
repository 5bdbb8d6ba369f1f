// RFC 4180 as `directory import` reads it: quoting, doubled quotes, line breaks inside quotes,
// CRLF and LF, a byte order mark, and every malformed input refused with its line and column.
#include <catch2/catch.hpp>

#include "adapters/cli/csv_reader.hpp"

using namespace seminarflow;

namespace {

std::vector<CsvRecord> records_of(std::string_view text) {
    auto records = read_csv(text);
    INFO((records ? "" : records.error().message));
    REQUIRE(records.ok());
    return std::move(records).value();
}

CsvError error_of(std::string_view text) {
    auto records = read_csv(text);
    REQUIRE_FALSE(records.ok());
    return records.error();
}

}  // namespace

TEST_CASE("CSV fields are read as RFC 4180 writes them", "[cli][csv]") {
    const auto records = records_of("\xEF\xBB\xBFref,name\r\n"
                                    "cdcs-1,\"Công đoàn Sở Công Thương, tỉnh Quảng Ninh\"\r\n"
                                    "cdcs-2,\"Trường THPT \"\"Hạ Long\"\"\"\n"
                                    "\n"
                                    "cdcs-3,\"hai\ndòng\"\n"
                                    "cdcs-4,\n");
    REQUIRE(records.size() == 5);
    CHECK(records[0].fields == std::vector<std::string>{"ref", "name"});  // the BOM is not part of "ref"
    CHECK(records[1].fields[1] == "Công đoàn Sở Công Thương, tỉnh Quảng Ninh");
    CHECK(records[2].fields[1] == "Trường THPT \"Hạ Long\"");
    CHECK(records[3].fields[1] == "hai\ndòng");
    CHECK(records[3].line == 5);  // the blank line counts
    CHECK(records[4].line == 7);
    CHECK(records[4].fields[1].empty());
}

TEST_CASE("a file without a BOM or a final line break reads the same", "[cli][csv]") {
    const auto records = records_of("a,b\n1,2");
    REQUIRE(records.size() == 2);
    CHECK(records[1].fields == std::vector<std::string>{"1", "2"});
    CHECK(records_of("").empty());
}

TEST_CASE("malformed CSV is refused with the line and column", "[cli][csv]") {
    SECTION("a quote never closed") {
        const CsvError error = error_of("a,b\n1,\"open\n2,3\n");
        CHECK(error.line == 2);
        CHECK(error.column == 2);
        CHECK_THAT(error.message, Catch::Contains("never closed"));
    }
    SECTION("text after a closing quote") {
        const CsvError error = error_of("a,b\n\"x\"y,2\n");
        CHECK(error.line == 2);
        CHECK(error.column == 1);
        CHECK_THAT(error.message, Catch::Contains("follows the closing double quote"));
    }
    SECTION("a quote inside an unquoted field") {
        const CsvError error = error_of("a,b\n1,Trường \"Hạ Long\"\n");
        CHECK(error.line == 2);
        CHECK(error.column == 2);
        CHECK_THAT(error.message, Catch::Contains("double the quote"));
    }
    SECTION("a row shorter than the header") {
        const CsvError error = error_of("a,b,c\n1,2,3\n1,2\n");
        CHECK(error.line == 3);
        CHECK(error.column == 3);
        CHECK_THAT(error.message, Catch::Contains("2 field(s), the header 3"));
    }
    SECTION("a row longer than the header") {
        const CsvError error = error_of("a,b\n1,2,3\n");
        CHECK(error.line == 2);
        CHECK(error.column == 3);
    }
    SECTION("a carriage return alone") {
        const CsvError error = error_of("a,b\n1,2\r3\n");
        CHECK(error.line == 2);
        CHECK(error.column == 2);
        CHECK_THAT(error.message, Catch::Contains("carriage return"));
    }
    SECTION("bytes that are not UTF-8") {
        const CsvError error = error_of("a,b\n1,C\xF4ng \xF0\x61\n");  // Latin-1, not UTF-8
        CHECK(error.line == 2);
        CHECK(error.column == 2);
        CHECK_THAT(error.message, Catch::Contains("not UTF-8"));
    }
}
