// Seed 000: on the morning of 24 October 2016, in Hanoi, the Vietnam coal and minerals union
// (Công đoàn TKV) holds a workshop (hội thảo) on renewing its cadre work, chaired by Lê Thanh
// Xuân; Phạm Hồng Hạnh gives the opening report; delegates raise proposals which the chair
// answers in his conclusion; and "Công đoàn TKV khen thưởng 11 đơn vị ... tổng số tiền khen
// thưởng 55 triệu đồng".
//
// Replayed through the API: the workshop planned with a reward budget of 55,000,000 VND, opening
// by itself at 08:00 after the reminders, the opening report, two proposals answered, eleven
// units nominated, evaluated, approved within the budget (a twelfth is refused by the budget
// guard), issued and published; then the conclusion; and the numbers the article states.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "tests/scenarios/committee.hpp"
#include "tests/store/backends.hpp"

using seminarflow::test::PostgresqlBackend;
using seminarflow::test::SqliteBackend;

namespace seminarflow::testing {
namespace {

// The units the workshop rewarded for running the good union cadre contest of 2016; the article
// gives their number, not their names.
const std::vector<std::string> rewarded = {
    "Công đoàn Công ty Than Hà Lầm",    "Công đoàn Công ty Than Mạo Khê",  "Công đoàn Công ty Than Vàng Danh",
    "Công đoàn Công ty Than Nam Mẫu",   "Công đoàn Công ty Than Hòn Gai",  "Công đoàn Công ty Than Hạ Long",
    "Công đoàn Công ty Than Cọc Sáu",   "Công đoàn Công ty Than Cao Sơn",  "Công đoàn Công ty Than Núi Béo",
    "Công đoàn Công ty Than Quang Hanh", "Công đoàn Công ty Than Dương Huy"};
constexpr std::int64_t amount = 5'000'000;

boost::json::object nomination(const std::string& unit) {
    return {{"recipient", unit},
            {"recipient_kind", "unit"},
            {"achievement", "Thành tích trong việc triển khai, tham gia tổ chức Hội thi cán bộ công đoàn giỏi năm 2016"},
            {"amount_vnd", amount},
            {"certificate_kind", "giay_khen"}};
}

void answer_proposals(Committee& committee, const std::string& seminar) {
    const auto organiser = committee.as(Role::organiser);
    for (const auto& proposal : committee.children(seminar, "proposal", "recorded")) {
        CHECK(organiser.move(std::string(proposal.at("id").as_string()), "answer",
                             {{"answer", "Chủ tịch Công đoàn TKV giải đáp tại hội thảo"}}) == "answered");
    }
    committee.settle();
}

}  // namespace

TEMPLATE_TEST_CASE("seed 000: the TKV union rewards 11 units with 55 million dong at its workshop",
                   "[scenarios][seed-000]", SqliteBackend, PostgresqlBackend) {
    TestType database;
    Committee committee(database.url(), *parse_rfc3339("2016-10-03T02:00:00Z"));
    committee.subscribe({"seminar.reminder", "seminar.started", "proposal.answered", "reward.issued"});
    const auto organiser = committee.as(Role::organiser);
    const auto reviewer = committee.as(Role::reviewer);

    const std::string seminar =
        organiser.create_seminar("Hội thảo “Đổi mới công tác cán bộ và nâng cao hiệu quả hoạt động công đoàn”");
    CHECK(organiser.move(seminar, "plan", {{"kind", "hoi_thao"},
                                           {"starts_at", "2016-10-24T01:00:00Z"},  // 08:00 in Hanoi
                                           {"ends_at", "2016-10-24T04:30:00Z"},
                                           {"venue", "Hà Nội"},
                                           {"chair", "Đồng chí Lê Thanh Xuân - Chủ tịch Công đoàn TKV"},
                                           {"organiser_unit", "Công đoàn Than - Khoáng sản Việt Nam"},
                                           {"min_contributions", 0},
                                           {"budget_vnd", 55'000'000}}) == "planned");
    CHECK(organiser.move(seminar, "publish_programme") == "programme_ready");

    // A week and a day before, the delegates are reminded; at 08:00 the workshop opens by itself.
    committee.advance_to("2016-10-17T01:00:00Z");
    committee.advance_to("2016-10-23T01:00:00Z");
    committee.advance_to("2016-10-24T01:00:00Z");
    CHECK(committee.instance(seminar).at("state") == "in_session");
    organiser.move(seminar, "record_opening_report",
                   {{"speaker", "Đồng chí Phạm Hồng Hạnh - Trưởng ban Tổ chức Công đoàn TKV"},
                    {"document_url", "https://congdoantkv.example.vn/hoi-thao-2016/de-dan.pdf"}});
    organiser.move(seminar, "record_proposal",
                   {{"unit", "Công đoàn Công ty Than Hà Lầm"},
                    {"content", "Chế độ tiền lương, phụ cấp của cán bộ công đoàn chuyên trách"},
                    {"raised_by", "Chủ tịch Công đoàn Công ty Than Hà Lầm"}});
    organiser.move(seminar, "record_proposal",
                   {{"unit", "Công đoàn Công ty Than Mạo Khê"},
                    {"content", "Số lượng cán bộ công đoàn chuyên trách so với quy định của Tổng LĐLĐ Việt Nam"},
                    {"raised_by", "Phó Chủ tịch Công đoàn Công ty Than Mạo Khê"}});

    // Eleven units nominated, evaluated by the council and approved within the budget.
    for (const auto& unit : rewarded) organiser.move(seminar, "nominate", nomination(unit));
    committee.settle();
    const auto nominated = committee.children(seminar, "reward", "nominated");
    REQUIRE(nominated.size() == rewarded.size());
    int decision = 0;
    for (const auto& reward : nominated) {
        const std::string id(reward.at("id").as_string());
        CHECK(reviewer.move(id, "evaluate", {{"evaluation", "Đủ điều kiện khen thưởng"}}) == "evaluated");
        CHECK(organiser.move(id, "approve", {{"decision_number", "QĐ-" + std::to_string(++decision) + "/CĐTKV"}}) ==
              "approved");
        committee.settle();  // the workshop adds the amount before the next approval is checked
    }
    CHECK(committee.instance(seminar).at("data").at("rewards_approved_vnd") == 55'000'000);

    // The budget is spent: a twelfth nomination is refused.
    const auto twelfth = organiser.send(seminar, "nominate", nomination("Công đoàn Công ty Than Thống Nhất"));
    CHECK(twelfth.status == 422);
    CHECK(problem_type(twelfth) == "guard-failed");

    int certificate = 0;
    for (const auto& reward : committee.children(seminar, "reward", "approved")) {
        const std::string id(reward.at("id").as_string());
        CHECK(organiser.move(id, "issue", {{"certificate_number", std::to_string(++certificate) + "/GK-CĐTKV"},
                                           {"paid_vnd", amount}}) == "issued");
        CHECK(organiser.move(id, "publish", {{"published_url", "https://congdoantkv.example.vn/tin/khen-thuong-2016"}}) ==
              "published");
    }

    committee.advance_to("2016-10-24T04:30:00Z");  // the scheduled end
    CHECK(committee.instance(seminar).at("state") == "concluding");
    answer_proposals(committee, seminar);
    CHECK(organiser.move(seminar, "conclude",
                         {{"conclusion", "Công đoàn trực thuộc cần có giải pháp nâng cao chất lượng cán bộ và hiệu quả "
                                         "hoạt động công đoàn."},
                          {"directive", "Chủ động lựa chọn quy hoạch cán bộ công đoàn chuẩn bị cho Đại hội Công đoàn các cấp"},
                          {"units", boost::json::array{}},
                          {"due_at", "2017-03-31T10:00:00Z"}}) == "concluded");

    // The article's numbers, as the API tells them: 11 units, 55 million dong in all.
    const auto published = committee.children(seminar, "reward", "published");
    CHECK(published.size() == 11);
    std::int64_t paid = 0;
    for (const auto& reward : published) paid += reward.at("data").at("paid_vnd").to_number<std::int64_t>();
    CHECK(paid == 55'000'000);
    const auto data = committee.instance(seminar).at("data").as_object();
    CHECK(data.at("rewards_approved_vnd") == 55'000'000);
    CHECK(data.at("proposals_recorded") == 2);
    CHECK(data.at("proposals_settled") == 2);
    CHECK(data.at("opening_speaker") == "Đồng chí Phạm Hồng Hạnh - Trưởng ban Tổ chức Công đoàn TKV");

    const auto delivered = committee.delivered(2 + 1 + 2 + 11);
    CHECK(delivered.size() == 16);
    CHECK(count_of(delivered, "seminar.reminder") == 2);
    CHECK(count_of(delivered, "seminar.started") == 1);
    CHECK(count_of(delivered, "proposal.answered") == 2);
    CHECK(count_of(delivered, "reward.issued") == 11);
}

}  // namespace seminarflow::testing
