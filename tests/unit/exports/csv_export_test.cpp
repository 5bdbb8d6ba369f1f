// The CSV exports as pure functions: RFC 4180 quoting and CRLF, the byte order mark, the
// formula guard, the participants' table, the rewards' table with its total and a contest's standings.
#include <catch2/catch.hpp>

#include <boost/json/parse.hpp>
#include <cstdint>

#include "engine/exports/csv.hpp"
#include "engine/exports/csv_tables.hpp"
#include "exports/export_fixture.hpp"

namespace seminarflow {
namespace {

std::vector<std::string> rows_of(const std::string& csv) {
    REQUIRE(csv.starts_with(utf8_bom));
    return test::crlf_lines(std::string_view(csv).substr(utf8_bom.size()));
}

TEST_CASE("CSV fields are quoted as RFC 4180 says, and text is never run as a formula", "[exports][csv]") {
    CHECK(csv_field("Công đoàn Sở Tư pháp") == "Công đoàn Sở Tư pháp");
    CHECK(csv_field("Hà Nội, Việt Nam") == "\"Hà Nội, Việt Nam\"");
    CHECK(csv_field("Đồng chí \"Kiên\"") == "\"Đồng chí \"\"Kiên\"\"\"");
    CHECK(csv_field("dòng một\r\ndòng hai") == "\"dòng một\r\ndòng hai\"");
    CHECK(csv_field("") == "");
    CHECK(csv_field("=HYPERLINK(\"http://x\")") == "\"'=HYPERLINK(\"\"http://x\"\")\"");
    CHECK(csv_field("@SUM(A1)") == "'@SUM(A1)");
    CHECK(csv_field("-5000000") == "-5000000");  // a number stays a number
    CHECK(csv_field("55000000") == "55000000");
    CsvDocument document({"a", "b"});
    document.add_row({"1", "x,y"});
    CHECK(document.text() == "\xEF\xBB\xBF" "a,b\r\n1,\"x,y\"\r\n");
}

TEST_CASE("the participants' CSV has one row per participant with their contacts", "[exports][csv]") {
    ExportSource source = test::planned_seminar();
    Participant chair = test::participant_of("nguyen-van-kien", "chair", "Đồng chí Nguyễn Văn Kiên, Chủ tịch");
    chair.contact = {{"email", "kien@congdoan.vn"}, {"telegram", "@kien"}};
    Participant unit = test::participant_of("cd-so-tu-phap", "contributor", "Công đoàn Sở Tư pháp", Rsvp::needs_action);
    unit.key.kind = ParticipantKind::unit;
    source.participants = {chair, unit};
    const auto rows = rows_of(participants_csv(source));
    REQUIRE(rows.size() == 3);
    CHECK(rows[0] == "kind,ref,display_name,role,rsvp,language,contact");
    CHECK(rows[1] == "person,nguyen-van-kien,\"Đồng chí Nguyễn Văn Kiên, Chủ tịch\",chair,accepted,vi,"
                     "email: kien@congdoan.vn; telegram: @kien");
    CHECK(rows[2] == "unit,cd-so-tu-phap,Công đoàn Sở Tư pháp,contributor,needs_action,vi,");
    CHECK(rows_of(participants_csv(test::planned_seminar())).size() == 1);  // the header alone
}

boost::json::object reward(const std::string& recipient, std::int64_t amount) {
    return {{"recipient", recipient},  {"recipient_kind", "unit"},  {"achievement", "Tham luận xuất sắc"},
            {"amount_vnd", amount},    {"certificate_kind", "giay_khen"}};
}

TEST_CASE("the rewards' CSV lists every reward and totals what was not declined and what was paid", "[exports][csv]") {
    ExportSource source = test::planned_seminar();
    auto issued = reward("Công đoàn Sở Tư pháp", 5000000);
    issued["decision_number"] = "123/QĐ-CĐVC";
    issued["certificate_number"] = "GK-01";
    issued["paid_vnd"] = 5000000;
    issued["certificate_kind"] = "bang_khen";
    source.children.push_back(test::child_of(source, "reward", "issued", issued));
    source.children.push_back(test::child_of(source, "reward", "nominated", reward("Công đoàn Cục Thuế, tỉnh", 3000000)));
    source.children.push_back(test::child_of(source, "reward", "declined", reward("Công đoàn Kho bạc", 2000000)));
    source.children.push_back(test::child_of(source, "directive", "assigned", {{"unit", "x"}}));  // not a reward
    const auto table = rewards_csv(source);
    REQUIRE(table.ok());
    const auto rows = rows_of(*table);
    REQUIRE(rows.size() == 5);
    CHECK(rows[0] == "recipient,recipient_kind,achievement,certificate_kind,amount_vnd,state,decision_number,"
                     "certificate_number,paid_vnd");
    CHECK(rows[1] == "Công đoàn Sở Tư pháp,unit,Tham luận xuất sắc,Bằng khen,5000000,issued,123/QĐ-CĐVC,GK-01,5000000");
    CHECK(rows[2] == "\"Công đoàn Cục Thuế, tỉnh\",unit,Tham luận xuất sắc,Giấy khen,3000000,nominated,,,");
    CHECK(rows[3] == "Công đoàn Kho bạc,unit,Tham luận xuất sắc,Giấy khen,2000000,declined,,,");
    CHECK(rows[4] == "Tổng cộng,,,,8000000,,,,5000000");

    // Nominated amounts are not bounded by the budget yet: a total past the largest one holds there.
    ExportSource huge = test::planned_seminar();
    huge.children.push_back(test::child_of(huge, "reward", "nominated", reward("A", INT64_MAX)));
    huge.children.push_back(test::child_of(huge, "reward", "nominated", reward("B", 1)));
    CHECK(rows_of(*rewards_csv(huge)).back() == "Tổng cộng,,,," + std::to_string(INT64_MAX) + ",,,,0");

    source.instance.workflow = "contest";
    CHECK(rewards_csv(source).ok());
    source.instance.workflow = "directive";
    const auto refused = rewards_csv(source);
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().rule == "workflow");
}

TEST_CASE("the standings' CSV has a row per contestant with each round's mean, best, place and scores", "[exports][csv]") {
    ExportSource source = test::planned_seminar();
    source.instance.workflow = "contest";
    source.instance.data["contestants"] = boost::json::parse(R"([
      {"number": 1, "name": "Nguyễn Thị Lan", "unit": "Công đoàn Công ty Than Hà Tu", "region": "Vùng Hạ Long",
       "round_scores": {"Nguyễn Xuân Hán": 90, "Trần Thị Mai": 85.5}, "round_rank": 1, "advanced": true,
       "final_scores": {"Nguyễn Xuân Hán": 92.5}, "final_rank": 1},
      {"number": 2, "name": "Trần Văn Đức", "unit": "Công đoàn Công ty Than Hà Lầm", "region": "Vùng Hạ Long",
       "round_scores": {"Nguyễn Xuân Hán": 80}, "round_rank": 2, "advanced": false},
      {"number": 3, "name": "Phạm Thị Thu", "unit": "Công đoàn Công ty Than Cọc Sáu, Cẩm Phả", "region": "Vùng Cẩm Phả"}
    ])");
    const auto table = standings_csv(source);
    REQUIRE(table.ok());
    const auto rows = rows_of(*table);
    REQUIRE(rows.size() == 4);
    CHECK(rows[0] == "number,name,unit,region,round_mean,round_best,round_rank,round_scores,advanced,final_mean,"
                     "final_best,final_rank,final_scores");
    CHECK(rows[1] == "1,Nguyễn Thị Lan,Công đoàn Công ty Than Hà Tu,Vùng Hạ Long,87.75,90,1,"
                     "Nguyễn Xuân Hán: 90; Trần Thị Mai: 85.5,yes,92.5,92.5,1,Nguyễn Xuân Hán: 92.5");
    CHECK(rows[2] == "2,Trần Văn Đức,Công đoàn Công ty Than Hà Lầm,Vùng Hạ Long,80,80,2,Nguyễn Xuân Hán: 80,no,,,,");
    CHECK(rows[3] == "3,Phạm Thị Thu,\"Công đoàn Công ty Than Cọc Sáu, Cẩm Phả\",Vùng Cẩm Phả,,,,,,,,,");

    source.instance.data["contestants"] = boost::json::parse(R"([{"number": 5}])");
    const auto unreadable = standings_csv(source);
    REQUIRE_FALSE(unreadable.ok());
    CHECK(unreadable.error().rule == "contestants");
    CHECK(unreadable.error().detail == "data.contestants[0].number must be 1");

    source.instance.workflow = "seminar";
    const auto refused = standings_csv(source);
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().rule == "workflow");
}

}  // namespace
}  // namespace seminarflow
