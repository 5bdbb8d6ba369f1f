// Seed 002: in the first half of 2020, under the year's theme "Nâng cao chất lượng hoạt động công
// đoàn cơ sở", the Hanoi transport union (Công đoàn ngành Giao thông vận tải Hà Nội), with the
// union's vocational school, trains "240 lượt cán bộ công đoàn": a class on the union's Charter
// (Điều lệ Công đoàn Việt Nam khóa XII) and a class on the skills of the women's committees.
//
// Replayed through the API: the year's programme and its two training classes (they take no tham
// luận: straight to their programme), the trainees registered, the reminders and the automatic
// opening of each class, the conclusion and the close; and the 240 trainees, counted through the
// API.
#include <catch2/catch.hpp>

#include <string>

#include "tests/scenarios/committee.hpp"
#include "tests/store/backends.hpp"

using seminarflow::test::PostgresqlBackend;
using seminarflow::test::SqliteBackend;

namespace seminarflow::testing {
namespace {

const std::string sector = "Công đoàn ngành Giao thông vận tải Hà Nội";

struct TrainingClass {
    std::string title;
    std::string starts_at;  // a day of training, 08:00 to 16:00 in Hanoi
    std::string ends_at;
    int trainees;
};

const TrainingClass classes[] = {
    {"Tập huấn Điều lệ Công đoàn Việt Nam khóa XII", "2020-05-20T01:00:00Z", "2020-05-20T09:00:00Z", 160},
    {"Tập huấn kỹ năng hoạt động của Ban nữ công công đoàn cơ sở", "2020-06-10T01:00:00Z", "2020-06-10T09:00:00Z", 80}};

std::string launch_programme(Committee& committee) {
    const auto organiser = committee.as(Role::organiser);
    const std::string programme =
        committee.open("programme", "Chủ đề năm 2020: Nâng cao chất lượng hoạt động công đoàn cơ sở");
    CHECK(organiser.move(programme, "launch", {{"theme", "Nâng cao chất lượng hoạt động công đoàn cơ sở"},
                                              {"year", 2020},
                                              {"organiser_unit", sector},
                                              {"ends_at", "2020-12-31T10:00:00Z"}}) == "active");
    for (const auto& training : classes) organiser.move(programme, "add_seminar", {{"title", training.title}});
    return programme;
}

// Plans the class, publishes its programme and registers its trainees.
void prepare(Committee& committee, const std::string& id, const TrainingClass& training) {
    const auto organiser = committee.as(Role::organiser);
    CHECK(organiser.move(id, "plan", {{"kind", "tap_huan"},
                                      {"starts_at", training.starts_at},
                                      {"ends_at", training.ends_at},
                                      {"venue", "Trường Trung cấp nghiệp vụ và dạy nghề Công đoàn"},
                                      {"chair", "Ông Ngô Minh Hoàn - Phó Chủ tịch " + sector},
                                      {"organiser_unit", sector},
                                      {"min_contributions", 0},
                                      {"budget_vnd", 0}}) == "planned");
    CHECK(organiser.move(id, "publish_programme") == "programme_ready");
    for (int i = 1; i <= training.trainees; ++i) {
        const auto added = organiser.post("/v1/instances/" + id + "/participants",
                                          boost::json::object{{"kind", "person"},
                                                              {"ref", "hoc-vien-" + std::to_string(i)},
                                                              {"role", "delegate"},
                                                              {"display_name", "Học viên số " + std::to_string(i)},
                                                              {"rsvp", "accepted"}});
        INFO(added.body);
        REQUIRE(added.status == 201);
    }
}

// The day of the class: it opens by itself, ends at its time, is concluded and closed.
void hold(Committee& committee, const std::string& id, const TrainingClass& training) {
    committee.advance_to(training.starts_at);
    CHECK(committee.instance(id).at("state") == "in_session");
    committee.advance_to(training.ends_at);
    CHECK(committee.instance(id).at("state") == "concluding");
    const auto organiser = committee.as(Role::organiser);
    CHECK(organiser.move(id, "conclude", {{"conclusion", "Học viên hoàn thành chương trình tập huấn."},
                                          {"directive", "Triển khai nội dung tập huấn tại công đoàn cơ sở"},
                                          {"units", boost::json::array{}},
                                          {"due_at", "2020-12-15T10:00:00Z"}}) == "concluded");
    CHECK(organiser.move(id, "close") == "closed");
}

}  // namespace

TEMPLATE_TEST_CASE("seed 002: the Hanoi transport union trains 240 union officers in two classes of the year's theme",
                   "[scenarios][seed-002]", SqliteBackend, PostgresqlBackend) {
    TestType database;
    Committee committee(database.url(), *parse_rfc3339("2020-01-06T02:00:00Z"));
    committee.subscribe({"seminar.reminder", "seminar.started", "seminar.closed"});

    const std::string programme = launch_programme(committee);
    std::string ids[2];
    for (const auto& seminar : committee.children(programme, "seminar")) {
        const auto sequence = seminar.at("data").at("sequence").to_number<int>();  // 1 and 2, in the order added
        REQUIRE((sequence == 1 || sequence == 2));
        ids[sequence - 1] = std::string(seminar.at("id").as_string());
    }
    REQUIRE_FALSE(ids[0].empty());
    REQUIRE_FALSE(ids[1].empty());
    prepare(committee, ids[0], classes[0]);
    prepare(committee, ids[1], classes[1]);

    committee.advance_to("2020-05-13T01:00:00Z");  // a week before the first class
    committee.advance_to("2020-05-19T01:00:00Z");  // the day before
    hold(committee, ids[0], classes[0]);
    committee.advance_to("2020-06-03T01:00:00Z");
    committee.advance_to("2020-06-09T01:00:00Z");
    hold(committee, ids[1], classes[1]);

    // "240 lượt cán bộ công đoàn tập huấn", in the classes of the year's programme.
    std::size_t trainees = 0;
    for (const auto& id : ids) {
        CHECK(committee.instance(id).at("data").at("kind") == "tap_huan");
        trainees += committee.participants(id, "delegate");
    }
    CHECK(trainees == 240);
    CHECK(committee.instance(programme).at("data").at("seminars_added") == 2);
    CHECK(committee.children(programme, "seminar", "closed").size() == 2);

    const auto delivered = committee.delivered(4 + 2 + 2);
    CHECK(delivered.size() == 8);
    CHECK(count_of(delivered, "seminar.reminder") == 4);
    CHECK(count_of(delivered, "seminar.started") == 2);
    CHECK(count_of(delivered, "seminar.closed") == 2);
}

}  // namespace seminarflow::testing
