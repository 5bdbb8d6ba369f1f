// What `seminarflow directory import` reads from a CSV file before the store sees it: a units or
// a people file told apart by its header, the sample files in examples/directory read whole, and
// every bad header, cell and store refusal pointed at by line and column.
#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

#include "adapters/cli/directory_import.hpp"

using Catch::Matchers::Contains;

namespace seminarflow {
namespace {

const Time now = *parse_rfc3339("2026-08-04T01:30:00Z");

std::string sample(const std::string& name) {
    std::ifstream in(std::string(SEMINARFLOW_SOURCE_DIR) + "/examples/directory/" + name, std::ios::binary);
    REQUIRE(in);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

ImportBatch batch_of(std::string_view text) {
    auto batch = read_directory_csv(text, now);
    INFO((batch ? "" : batch.error().text()));
    REQUIRE(batch.ok());
    return std::move(batch).value();
}

ImportError error_of(std::string_view text) {
    auto batch = read_directory_csv(text, now);
    REQUIRE_FALSE(batch.ok());
    return batch.error();
}

void check_error(std::string_view text, std::size_t line, std::size_t column, const std::string& name,
                 const std::string& words) {
    const ImportError error = error_of(text);
    INFO(error.text());
    CHECK(error.line == line);
    CHECK(error.column == column);
    CHECK(error.column_name == name);
    CHECK_THAT(error.message, Contains(words));
}

}  // namespace

TEST_CASE("the sample units file is read whole, children before parents", "[cli][directory]") {
    const ImportBatch batch = batch_of(sample("units.csv"));
    CHECK(batch.file == DirectoryFile::units);
    REQUIRE(batch.units.size() == 13);
    CHECK(batch.lines.front() == 2);
    const Unit& so_cong_thuong = batch.units[5];
    CHECK(so_cong_thuong.name == "Công đoàn Sở Công Thương, tỉnh Quảng Ninh");
    CHECK(so_cong_thuong.parent == std::optional<std::string>("cdvc-tinh"));
    CHECK(so_cong_thuong.contact == Contact{{"email", "congdoan@soct.example.vn"}});
    CHECK(batch.units[3].contact == Contact{{"email", "congdoan@cucthue.example.vn"}, {"telegram", "@congdoan_cucthue"}});
    CHECK(batch.units[2].contact.empty());
    CHECK(batch.units[10].name == "Công đoàn Trường THPT \"Hạ Long\"");
    const Unit& top = batch.units.back();
    CHECK(top.kind == UnitKind::federation);
    CHECK_FALSE(top.parent.has_value());
    CHECK(top.created_at == now);
}

TEST_CASE("the sample people file is read whole, a guest with no unit", "[cli][directory]") {
    const ImportBatch batch = batch_of(sample("people.csv"));
    CHECK(batch.file == DirectoryFile::people);
    REQUIRE(batch.people.size() == 4);
    CHECK(batch.people[0].title == "Phó Chủ tịch Thường trực");
    CHECK(batch.people[1].unit == std::optional<std::string>("cdvc-tinh"));
    CHECK_FALSE(batch.people[2].unit.has_value());
    CHECK(batch.people[2].contact.empty());
}

TEST_CASE("a header without language or contacts takes the defaults, BOM or not", "[cli][directory]") {
    const ImportBatch batch = batch_of("\xEF\xBB\xBF" "name,kind,ref\r\nLiên đoàn,federation,ld\r\n");
    REQUIRE(batch.units.size() == 1);
    CHECK(batch.units[0].ref == "ld");
    CHECK(batch.units[0].language == "vi");
    CHECK(batch_of("ref,name\n").people.empty());
}

TEST_CASE("a bad header is refused on its own line", "[cli][directory]") {
    check_error("", 1, 0, "", "the file is empty");
    check_error("ref,kind,name,email\n", 1, 4, "email", "unknown column 'email'");
    check_error("ref,name,unit,kind\n", 1, 3, "unit", "unknown column 'unit'; a units file has");
    check_error("ref,kind,name,name\n", 1, 4, "name", "given twice");
    check_error("ref,kind,parent\n", 1, 0, "", "no 'name' column");
    check_error("name,unit\n", 1, 0, "", "no 'ref' column");
    check_error("ref,kind,name,contact.\n", 1, 4, "contact.", "unknown column");
    // Blank lines before the header are skipped: the error points where the header is.
    check_error("\n\nref,kind,name,email\n", 3, 4, "email", "unknown column 'email'");
    check_error("\r\nref,kind,parent\r\n", 2, 0, "", "no 'name' column");
}

TEST_CASE("a header with no rows is an empty import, not an error", "[cli][directory]") {
    const ImportBatch units = batch_of("ref,kind,name\n");
    CHECK(units.file == DirectoryFile::units);
    CHECK(units.units.empty());
    const ImportBatch people = batch_of("ref,name,unit\r\n");
    CHECK(people.file == DirectoryFile::people);
    CHECK(people.people.empty());
}

TEST_CASE("a bad cell is refused with its line and column", "[cli][directory]") {
    const std::string header = "ref,kind,name,parent,language,contact.email\n";
    const std::string good = "ld,federation,Liên đoàn,,vi,\n";
    check_error(header + good + "cd,ban,Công đoàn,ld,vi,\n", 3, 2, "kind", "'ban' is not a kind of unit");
    check_error(header + good + "cd,,Công đoàn,ld,vi,\n", 3, 2, "kind", "the kind is missing");
    check_error(header + good + ",grassroots,Công đoàn,ld,vi,\n", 3, 1, "ref", "'ref' is required");
    check_error(header + good + "cd,grassroots,,ld,vi,\n", 3, 3, "name", "'name' is required");
    check_error(header + good + "cd,grassroots,Công đoàn,ld,fr,\n", 3, 5, "language", "vi or en");
    check_error(header + good + "cd,grassroots,Công đoàn,ld,vi,khong-phai@\n", 3, 6, "contact.email",
                "not an email address");
    check_error(header + good + "c/d,grassroots,Công đoàn,ld,vi,\n", 3, 1, "ref", "'/'");
    check_error(header + good + "cd,grassroots,Công đoàn,ld,vi\n", 3, 6, "", "5 field(s), the header 6");
    check_error(header + good + "cd,grassroots,\"Công đoàn,ld,vi,\n", 3, 3, "", "never closed");
    check_error("ref,name,unit,title,language\nkien,Nguyễn Văn Kiên,cd,Chủ tịch,ru\n", 2, 5, "language", "vi or en");
}

TEST_CASE("a store refusal points at the entry's line and the column at fault", "[cli][directory]") {
    const ImportBatch batch = batch_of("ref,kind,name,parent\nld,federation,Liên đoàn,\n\ncd,grassroots,Công đoàn,xx\n");
    const ImportError error =
        refusal_error(batch, DirectoryRefusal{DirectoryRefusalKind::unknown_parent, 1, "parent", "no parent 'xx'"});
    CHECK(error.line == 4);
    CHECK(error.column == 4);
    CHECK(error.text() == "4:4: (parent) no parent 'xx'");
    const ImportError whole_row =
        refusal_error(batch, DirectoryRefusal{DirectoryRefusalKind::conflict, 0, "language", "taken"});
    CHECK(whole_row.line == 2);
    CHECK(whole_row.column == 0);
    CHECK(whole_row.text() == "2: (language) taken");
}

}  // namespace seminarflow
