// Seed 003: the Quảng Ninh provincial federation of labour trains the chairs of grassroots unions
// in non-state enterprises; at the end of the 16th class (khoá XVI) its standing vice-chair, Bùi
// Minh Thanh, hands out the certificates of completion (Giấy chứng nhận hoàn thành).
//
// Replayed through the API: the class planned as a training class (no tham luận, no money set
// aside), the trainees registered, reminded and the class opened by itself, a certificate of
// completion nominated, evaluated, approved, issued (numbered, no money paid) and published for
// every trainee. The article gives the class's number, not its size: the ten trainees are ours.
#include <catch2/catch.hpp>

#include <set>
#include <string>

#include "tests/scenarios/committee.hpp"
#include "tests/store/backends.hpp"

using seminarflow::test::PostgresqlBackend;
using seminarflow::test::SqliteBackend;

namespace seminarflow::testing {
namespace {

constexpr int trainees = 10;
const std::string title = "Lớp đào tạo Chủ tịch CĐCS khu vực ngoài Nhà nước khoá XVI";

std::string trainee(int i) { return "Học viên khoá XVI số " + std::to_string(i); }

void register_trainees(Committee& committee, const std::string& id) {
    const auto organiser = committee.as(Role::organiser);
    for (int i = 1; i <= trainees; ++i) {
        const auto added = organiser.post("/v1/instances/" + id + "/participants",
                                          boost::json::object{{"kind", "person"},
                                                              {"ref", "khoa-xvi-" + std::to_string(i)},
                                                              {"role", "delegate"},
                                                              {"display_name", trainee(i)},
                                                              {"rsvp", "accepted"}});
        INFO(added.body);
        REQUIRE(added.status == 201);
    }
}

// Every trainee's certificate, from nomination to publication.
void certify(Committee& committee, const std::string& id) {
    const auto organiser = committee.as(Role::organiser);
    const auto reviewer = committee.as(Role::reviewer);
    for (int i = 1; i <= trainees; ++i) {
        organiser.move(id, "nominate", {{"recipient", trainee(i)},
                                        {"recipient_kind", "person"},
                                        {"achievement", "Hoàn thành " + title},
                                        {"amount_vnd", 0},
                                        {"certificate_kind", "giay_chung_nhan"}});
    }
    committee.settle();
    int number = 0;
    for (const auto& reward : committee.children(id, "reward", "nominated")) {
        const std::string certificate(reward.at("id").as_string());
        CHECK(reviewer.move(certificate, "evaluate", {{"evaluation", "Hoàn thành chương trình đào tạo"}}) == "evaluated");
        CHECK(organiser.move(certificate, "approve", {{"decision_number", "QĐ-XVI/LĐLĐ"}}) == "approved");
        CHECK(organiser.move(certificate, "issue",
                             {{"certificate_number", "XVI-" + std::to_string(++number)}, {"paid_vnd", 0}}) == "issued");
        CHECK(organiser.move(certificate, "publish") == "published");
    }
    committee.settle();
}

}  // namespace

TEMPLATE_TEST_CASE("seed 003: the 16th class of grassroots union chairs in Quang Ninh ends with a certificate for every trainee",
                   "[scenarios][seed-003]", SqliteBackend, PostgresqlBackend) {
    TestType database;
    Committee committee(database.url(), *parse_rfc3339("2023-10-02T02:00:00Z"));
    committee.subscribe({"seminar.reminder", "seminar.started", "reward.issued"});
    const auto organiser = committee.as(Role::organiser);

    const std::string id = organiser.create_seminar(title);
    CHECK(organiser.move(id, "plan", {{"kind", "tap_huan"},
                                      {"starts_at", "2023-10-23T01:00:00Z"},  // 08:00 in Hạ Long
                                      {"ends_at", "2023-10-27T09:00:00Z"},
                                      {"venue", "Liên đoàn Lao động tỉnh Quảng Ninh"},
                                      {"chair", "Đ/c Bùi Minh Thanh - Phó Chủ tịch Thường trực LĐLĐ tỉnh"},
                                      {"organiser_unit", "Liên đoàn Lao động tỉnh Quảng Ninh"},
                                      {"min_contributions", 0},
                                      {"budget_vnd", 0}}) == "planned");
    CHECK(organiser.move(id, "publish_programme") == "programme_ready");
    register_trainees(committee, id);

    committee.advance_to("2023-10-16T01:00:00Z");
    committee.advance_to("2023-10-22T01:00:00Z");
    committee.advance_to("2023-10-23T01:00:00Z");
    CHECK(committee.instance(id).at("state") == "in_session");
    committee.advance_to("2023-10-27T07:00:00Z");  // the closing ceremony, on the last afternoon
    certify(committee, id);

    CHECK(committee.participants(id, "delegate") == trainees);
    const auto published = committee.children(id, "reward", "published");
    CHECK(published.size() == static_cast<std::size_t>(trainees));
    std::set<std::string> numbers;
    for (const auto& certificate : published) {
        const auto& data = certificate.at("data");
        CHECK(data.at("certificate_kind") == "giay_chung_nhan");
        CHECK(data.at("paid_vnd") == 0);
        numbers.insert(std::string(data.at("certificate_number").as_string()));
    }
    CHECK(numbers.size() == static_cast<std::size_t>(trainees));  // each numbered once
    CHECK(committee.instance(id).at("data").at("rewards_approved_vnd") == 0);

    const auto delivered = committee.delivered(2 + 1 + trainees);
    CHECK(delivered.size() == static_cast<std::size_t>(3 + trainees));
    CHECK(count_of(delivered, "seminar.reminder") == 2);
    CHECK(count_of(delivered, "seminar.started") == 1);
    CHECK(count_of(delivered, "reward.issued") == static_cast<std::size_t>(trainees));
}

}  // namespace seminarflow::testing
