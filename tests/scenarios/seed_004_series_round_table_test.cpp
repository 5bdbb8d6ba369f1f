// Seed 004: on 9 July 2021 the Long Biên district federation of labour holds a round-table on the
// quality of grassroots union groups in enterprises, "buổi Tọa đàm thứ 3 của khối doanh nghiệp":
// the third of a series. Its chair, Phan Thị Thu Hằng, gives the opening report; the delegates
// raise proposals to the district party committee and federation; in her conclusion she answers
// them directly.
//
// Replayed through the API: the year's programme launched, three round-tables added to it (this is
// the third), the reminders and the automatic opening, the opening report, three proposals, the
// conclusion refused while one is unanswered, the answers (one forwarded to the district party
// committee), and the numbers the article states.
#include <catch2/catch.hpp>

#include <string>

#include "tests/scenarios/committee.hpp"
#include "tests/store/backends.hpp"

using seminarflow::test::PostgresqlBackend;
using seminarflow::test::SqliteBackend;

namespace seminarflow::testing {
namespace {

const std::string chair = "Đồng chí Phan Thị Thu Hằng - Chủ tịch LĐLĐ quận Long Biên";
const std::string district = "LĐLĐ quận Long Biên";

// The programme, launched for 2021, holding three round-tables; the id of the third.
std::string third_round_table(Committee& committee) {
    const auto organiser = committee.as(Role::organiser);
    const std::string programme = committee.open("programme", "Tọa đàm khối doanh nghiệp năm 2021");
    CHECK(organiser.move(programme, "launch", {{"theme", "Nâng cao chất lượng đội ngũ cán bộ công đoàn cơ sở"},
                                              {"year", 2021},
                                              {"organiser_unit", district},
                                              {"ends_at", "2021-12-31T10:00:00Z"}}) == "active");
    for (int i = 1; i <= 3; ++i) {
        organiser.move(programme, "add_seminar",
                       {{"title", "Tọa đàm “Nâng cao chất lượng hoạt động Tổ Công đoàn cơ sở” khối doanh nghiệp, buổi " +
                                      std::to_string(i)}});
    }
    CHECK(committee.instance(programme).at("data").at("seminars_added") == 3);
    for (const auto& seminar : committee.children(programme, "seminar")) {
        if (seminar.at("data").at("sequence") == 3) {
            CHECK(seminar.at("data").at("series") == "Tọa đàm khối doanh nghiệp năm 2021");
            return std::string(seminar.at("id").as_string());
        }
    }
    FAIL("the programme has no third round-table");
    return {};
}

}  // namespace

TEMPLATE_TEST_CASE("seed 004: the third round-table of the Long Bien enterprise series answers every proposal before it concludes",
                   "[scenarios][seed-004]", SqliteBackend, PostgresqlBackend) {
    TestType database;
    Committee committee(database.url(), *parse_rfc3339("2021-06-01T02:00:00Z"));
    committee.subscribe({"seminar.reminder", "seminar.started", "proposal.answered", "proposal.forwarded",
                         "seminar.concluded"});
    const auto organiser = committee.as(Role::organiser);
    const auto delegate = committee.as(Role::member);

    const std::string seminar = third_round_table(committee);
    CHECK(organiser.move(seminar, "plan", {{"kind", "toa_dam"},
                                           {"starts_at", "2021-07-09T01:30:00Z"},  // 08:30 in Hanoi
                                           {"ends_at", "2021-07-09T04:30:00Z"},
                                           {"venue", "Hội trường LĐLĐ quận Long Biên"},
                                           {"chair", chair},
                                           {"organiser_unit", district},
                                           {"min_contributions", 0},
                                           {"budget_vnd", 0}}) == "planned");
    CHECK(organiser.move(seminar, "publish_programme") == "programme_ready");

    committee.advance_to("2021-07-02T01:30:00Z");  // a week before
    committee.advance_to("2021-07-08T01:30:00Z");  // the day before
    committee.advance_to("2021-07-09T01:30:00Z");  // it opens by itself
    CHECK(committee.instance(seminar).at("state") == "in_session");
    organiser.move(seminar, "record_opening_report",
                   {{"speaker", chair}, {"document_url", "https://ldldlongbien.example.vn/toa-dam-3/de-dan.pdf"}});
    const char* proposals[][2] = {
        {"CĐCS Công ty CP May Long Biên", "Hướng dẫn tổ chức hội nghị Tổ công đoàn trước Hội nghị Người lao động"},
        {"CĐCS Công ty TNHH Cơ khí Gia Lâm", "Doanh nghiệp chưa tạo điều kiện cho cán bộ công đoàn hoạt động"},
        {"CĐCS Công ty CP Vận tải Long Biên", "Tập huấn kỹ năng đối thoại cho Tổ trưởng công đoàn"}};
    for (const auto& [unit, content] : proposals) {
        delegate.move(seminar, "record_proposal",
                      {{"unit", unit}, {"content", content}, {"raised_by", std::string("Chủ tịch ") + unit}});
    }
    CHECK(committee.children(seminar, "proposal", "recorded").size() == 3);
    committee.advance_to("2021-07-09T04:30:00Z");
    CHECK(committee.instance(seminar).at("state") == "concluding");

    // "trực tiếp giải đáp một số đề xuất, kiến nghị": she cannot conclude with one left open.
    const boost::json::object conclusion{
        {"conclusion", "Đổi mới nội dung, phương thức, chất lượng hoạt động tổ công đoàn; chăm lo bảo vệ quyền lợi "
                       "hợp pháp, chính đáng cho người lao động."},
        {"directive", "Đổi mới các phong trào thi đua, có sơ tổng kết và khen thưởng kịp thời"},
        {"units", boost::json::array{proposals[0][0], proposals[1][0], proposals[2][0]}},
        {"due_at", "2021-12-15T10:00:00Z"}};
    const auto items = committee.children(seminar, "proposal", "recorded");
    for (std::size_t i = 0; i + 1 < items.size(); ++i) {
        CHECK(organiser.move(std::string(items[i].at("id").as_string()), "answer",
                             {{"answer", "Chủ tịch LĐLĐ quận giải đáp trực tiếp tại hội nghị"}}) == "answered");
    }
    committee.settle();
    const auto early = organiser.send(seminar, "conclude", conclusion);
    CHECK(early.status == 422);
    CHECK(problem_type(early) == "guard-failed");
    CHECK(organiser.move(std::string(items.back().at("id").as_string()), "forward",
                         {{"forwarded_to", "Quận ủy Long Biên"}, {"answer", "Chuyển Quận ủy xem xét"}}) == "forwarded");
    committee.settle();
    CHECK(organiser.move(seminar, "conclude", conclusion) == "concluded");
    committee.settle();

    const auto data = committee.instance(seminar).at("data").as_object();
    CHECK(data.at("sequence") == 3);  // "buổi Tọa đàm thứ 3"
    CHECK(data.at("chair") == chair.c_str());
    CHECK(data.at("opening_speaker") == chair.c_str());
    CHECK(data.at("proposals_recorded") == 3);
    CHECK(data.at("proposals_settled") == 3);
    CHECK(committee.children(seminar, "proposal", "answered").size() == 2);
    CHECK(committee.children(seminar, "proposal", "forwarded").size() == 1);
    CHECK(committee.children(seminar, "directive", "assigned").size() == 3);

    const auto delivered = committee.delivered(2 + 1 + 2 + 1 + 1);
    CHECK(delivered.size() == 7);
    CHECK(count_of(delivered, "seminar.reminder") == 2);
    CHECK(count_of(delivered, "seminar.started") == 1);
    CHECK(count_of(delivered, "proposal.answered") == 2);
    const std::string forwarded(items.back().at("data").at("unit").as_string());
    CHECK(units_of(delivered, "proposal.forwarded") == std::vector<std::string>{forwarded});
    CHECK(count_of(delivered, "seminar.concluded") == 1);
}

}  // namespace seminarflow::testing
