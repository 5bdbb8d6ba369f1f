// Seed 000, its second story: the TKV union's contest of good union cadres of 2016 (Hội thi cán bộ
// Công đoàn giỏi), "từ Hội thi cấp Vùng đến vòng Chung kết", whose jury is headed by Nguyễn Xuân
// Hán, and which the workshop of 24 October sums up.
//
// Replayed through the API: registration opened and closed by its own timer after a reminder,
// three regional rounds that send their best to the final, the final's reminder, a score for
// every finalist, the results and the close. The article names the rounds, not the contestants:
// the twelve contestants and nine finalists are ours.
#include <catch2/catch.hpp>

#include <string>

#include "tests/scenarios/committee.hpp"
#include "tests/store/backends.hpp"

using seminarflow::test::PostgresqlBackend;
using seminarflow::test::SqliteBackend;

namespace seminarflow::testing {
namespace {

const char* const regions[] = {"Vùng Hạ Long", "Vùng Cẩm Phả", "Vùng Uông Bí"};
constexpr int per_region = 4;
constexpr int finalists_per_region = 3;

std::string contestant(int region, int i) {
    return "Thí sinh " + std::to_string(i) + " - " + regions[region];
}

void register_contestants(Committee& committee, const std::string& contest) {
    const auto member = committee.as(Role::member);
    for (int region = 0; region < 3; ++region) {
        for (int i = 1; i <= per_region; ++i) {
            member.move(contest, "register", {{"contestant", contestant(region, i)},
                                              {"unit", "Công đoàn Công ty Than " + std::to_string(region * 10 + i)},
                                              {"region", regions[region]}});
        }
    }
}

}  // namespace

TEMPLATE_TEST_CASE("seed 000: the TKV contest of good union cadres goes from its regional rounds to the final",
                   "[scenarios][seed-000]", SqliteBackend, PostgresqlBackend) {
    TestType database;
    Committee committee(database.url(), *parse_rfc3339("2016-06-01T02:00:00Z"));
    committee.subscribe({"contest.registration_reminder", "contest.rounds_started", "contest.final_scheduled",
                         "contest.final_reminder", "contest.judged", "contest.closed"});
    const auto organiser = committee.as(Role::organiser);
    const auto jury = committee.as(Role::reviewer);

    const std::string contest = committee.open("contest", "Hội thi cán bộ Công đoàn giỏi năm 2016");
    CHECK(organiser.move(contest, "open_registration", {{"organiser_unit", "Công đoàn Than - Khoáng sản Việt Nam"},
                                                        {"registration_closes_at", "2016-07-15T10:00:00Z"},
                                                        {"budget_vnd", 0}}) == "registration");
    register_contestants(committee, contest);
    committee.advance_to("2016-07-13T10:00:00Z");  // two days before registration closes
    committee.advance_to("2016-07-15T10:00:00Z");  // it closes by itself
    CHECK(committee.instance(contest).at("state") == "regional_rounds");

    committee.advance_to("2016-08-10T02:00:00Z");
    for (const char* region : regions) {
        jury.move(contest, "record_round", {{"region", region}, {"finalists", finalists_per_region}});
    }
    CHECK(organiser.move(contest, "schedule_final", {{"final_at", "2016-09-20T01:00:00Z"}, {"final_venue", "Hà Nội"}}) ==
          "final");
    committee.advance_to("2016-09-19T01:00:00Z");  // the day before the final
    committee.advance_to("2016-09-20T03:00:00Z");
    for (int region = 0; region < 3; ++region) {
        for (int i = 1; i <= finalists_per_region; ++i) {
            jury.move(contest, "record_score", {{"contestant", contestant(region, i)}, {"score", 70 + region + i}});
        }
    }
    CHECK(jury.move(contest, "judge",
                    {{"winner", contestant(2, 3)},
                     {"results", "Trưởng ban Giám khảo Nguyễn Xuân Hán công bố kết quả vòng Chung kết"}}) == "judged");
    CHECK(organiser.move(contest, "close") == "closed");

    // From the regional rounds to the final, as the API tells it.
    const auto data = committee.instance(contest).at("data").as_object();
    CHECK(data.at("registrations") == 3 * per_region);
    CHECK(data.at("rounds_done") == 3);
    CHECK(data.at("finalists") == 3 * finalists_per_region);
    CHECK(data.at("scores_recorded") == 3 * finalists_per_region);
    CHECK(data.at("winner") == contestant(2, 3).c_str());

    const auto delivered = committee.delivered(6);
    CHECK(delivered.size() == 6);
    for (const char* type : {"contest.registration_reminder", "contest.rounds_started", "contest.final_scheduled",
                             "contest.final_reminder", "contest.judged", "contest.closed"}) {
        INFO(type);
        CHECK(count_of(delivered, type) == 1);
    }
}

}  // namespace seminarflow::testing
