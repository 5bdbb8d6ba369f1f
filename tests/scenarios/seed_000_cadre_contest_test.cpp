// Seed 000, its second story: the TKV union's contest of good union cadres of 2016 (Hội thi cán bộ
// Công đoàn giỏi), "từ Hội thi cấp Vùng đến vòng Chung kết", whose jury is headed by Nguyễn Xuân
// Hán, and which the workshop of 24 October sums up: the jury "chọn các thí sinh xuất sắc tham gia
// vòng Chung kết".
//
// Replayed through the API: registration opened and closed by its own timer after a reminder,
// three jurors scoring three regional rounds whose best three go to the final, the final's
// reminder, the final scored and ranked, and the close. The article names the rounds, not the
// contestants: the twelve contestants, the other two jurors and every score are ours, chosen so
// that the stated tie-break decides both a place in the final and a place in its ranking.
#include <catch2/catch.hpp>

#include <string>

#include "tests/scenarios/committee.hpp"
#include "tests/store/backends.hpp"

using seminarflow::test::PostgresqlBackend;
using seminarflow::test::SqliteBackend;

namespace seminarflow::testing {
namespace {

const char* const regions[] = {"Vùng Hạ Long", "Vùng Cẩm Phả", "Vùng Uông Bí"};
const char* const jurors[] = {"Nguyễn Xuân Hán", "Trần Thị Mai", "Lê Quang Vinh"};
constexpr int per_region = 4;

// Registered region by region, so contestant i (1-4) of region r gets number 4r + i.
int number_of(int region, int i) { return region * per_region + i; }
std::string contestant(int region, int i) { return "Thí sinh " + std::to_string(i) + " - " + regions[region]; }
std::string unit(int region, int i) { return "Công đoàn Công ty Than " + std::to_string(region * 10 + i); }

// Vùng Hạ Long's round, by juror: #3 and #4 both average 80, and #3's best score of 85 beats
// #4's 82, so #3 takes the last place in the final. The other regions rank plainly by mean.
int round_score(int region, int i, int juror) {
    static constexpr int ha_long[per_region][3] = {{80, 82, 84}, {90, 88, 86}, {85, 75, 80}, {78, 82, 80}};
    if (region == 0) return ha_long[i - 1][juror];
    return 70 + 3 * i + juror;
}

// The final: 80 + (7n mod 11) + juror. #3 has the highest mean (91); #1 and #12 tie on mean and
// best score (88, 89), and #1 registered first.
int final_score(int number, int juror) { return 80 + (7 * number) % 11 + juror; }

void register_contestants(Committee& committee, const std::string& contest) {
    const auto member = committee.as(Role::member);
    for (int region = 0; region < 3; ++region) {
        for (int i = 1; i <= per_region; ++i) {
            member.move(contest, "register",
                        {{"contestant", contestant(region, i)}, {"unit", unit(region, i)}, {"region", regions[region]}});
        }
    }
}

void score_regional_rounds(Committee& committee, const std::string& contest) {
    const auto jury = committee.as(Role::reviewer);
    for (int region = 0; region < 3; ++region) {
        for (int i = 1; i <= per_region; ++i) {
            for (int juror = 0; juror < 3; ++juror) {
                jury.move(contest, "record_score", {{"contestant", number_of(region, i)},
                                                    {"juror", jurors[juror]},
                                                    {"score", round_score(region, i, juror)}});
            }
        }
    }
}

}  // namespace

TEMPLATE_TEST_CASE("seed 000: the TKV contest of good union cadres goes from its regional rounds to the final",
                   "[scenarios][seed-000]", SqliteBackend, PostgresqlBackend) {
    TestType database;
    Committee committee(database.url(), *parse_rfc3339("2016-06-01T02:00:00Z"));
    committee.subscribe({"contest.registration_reminder", "contest.rounds_started", "contest.round_closed",
                         "contest.final_scheduled", "contest.final_reminder", "contest.judged", "contest.closed"});
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
    const auto too_early = jury.send(contest, "close_round", {{"region", regions[0]}});
    CHECK(too_early.status == 422);
    CHECK(json_of(too_early).at("rule") == "close_regional_round");
    CHECK(json_of(too_early).at("detail").as_string().find("no score yet for #1") != std::string::npos);
    score_regional_rounds(committee, contest);
    for (const char* region : regions) jury.move(contest, "close_round", {{"region", region}});
    const auto rounds = committee.instance(contest).at("data").as_object();
    CHECK(rounds.at("round_region") == regions[2]);
    CHECK(rounds.at("finalists") == 9);
    CHECK(organiser.move(contest, "schedule_final", {{"final_at", "2016-09-20T01:00:00Z"}, {"final_venue", "Hà Nội"}}) ==
          "final");

    committee.advance_to("2016-09-19T01:00:00Z");  // the day before the final
    committee.advance_to("2016-09-20T03:00:00Z");
    const auto not_a_finalist = jury.send(contest, "record_score", {{"contestant", number_of(0, 4)},
                                                                    {"juror", jurors[0]},
                                                                    {"score", 99}});
    CHECK(not_a_finalist.status == 422);
    CHECK(json_of(not_a_finalist).at("rule") == "score_final");
    int finalists = 0;
    const auto before_final = committee.instance(contest);
    for (const auto& entry : before_final.at("data").at("contestants").as_array()) {
        const auto& registered = entry.as_object();
        if (!registered.at("advanced").as_bool()) continue;
        ++finalists;
        const auto number = static_cast<int>(registered.at("number").to_number<std::int64_t>());
        for (int juror = 0; juror < 3; ++juror) {
            jury.move(contest, "record_score",
                      {{"contestant", number}, {"juror", jurors[juror]}, {"score", final_score(number, juror)}});
        }
    }
    CHECK(finalists == 9);
    CHECK(jury.move(contest, "judge", {{"results_url", "https://congdoantkv.vn/hoi-thi-2016"}}) == "judged");
    CHECK(organiser.move(contest, "close") == "closed");

    // From the regional rounds to the final, as the API tells it.
    const auto data = committee.instance(contest).at("data").as_object();
    CHECK(data.at("registrations") == 3 * per_region);
    CHECK(data.at("rounds_done") == 3);
    CHECK(data.at("scores_recorded") == 3 * (3 * per_region + 9));
    CHECK(data.at("winner") == (contestant(0, 3) + " (" + unit(0, 3) + ")").c_str());
    const std::string results(data.at("results").as_string());
    INFO(results);
    CHECK(results.rfind("1. #3 " + contestant(0, 3) + " (" + unit(0, 3) + ", Vùng Hạ Long): 91 / 92\n", 0) == 0);
    CHECK(results.find("#1 " + contestant(0, 1)) < results.find("#12 " + contestant(2, 4)));
    for (const auto& entry : data.at("contestants").as_array()) {
        const auto& registered = entry.as_object();
        INFO(registered.at("name").as_string());
        const bool stays_home = registered.at("number") == number_of(0, 4) || registered.at("number") == number_of(1, 1) ||
                                registered.at("number") == number_of(2, 1);
        CHECK(registered.at("advanced").as_bool() == !stays_home);
    }

    // The standings as a spreadsheet opens them: #3's round, the tie-break's place, and its final.
    const auto standings = committee.as(Role::viewer).get("/v1/instances/" + contest + "/standings.csv");
    REQUIRE(standings.status == 200);
    CHECK(standings.content_type.starts_with("text/csv"));
    CHECK(standings.body.find("\r\n3," + contestant(0, 3) + "," + unit(0, 3) +
                              ",Vùng Hạ Long,80,85,3,Lê Quang Vinh: 80; Nguyễn Xuân Hán: 85; Trần Thị Mai: 75,yes,"
                              "91,92,1,Lê Quang Vinh: 92; Nguyễn Xuân Hán: 90; Trần Thị Mai: 91\r\n") != std::string::npos);
    CHECK(standings.body.find("\r\n4," + contestant(0, 4) + "," + unit(0, 4) + ",Vùng Hạ Long,80,82,4,") !=
          std::string::npos);

    const auto delivered = committee.delivered(9);
    CHECK(delivered.size() == 9);
    CHECK(count_of(delivered, "contest.round_closed") == 3);
    for (const char* type : {"contest.registration_reminder", "contest.rounds_started", "contest.final_scheduled",
                             "contest.final_reminder", "contest.judged", "contest.closed"}) {
        INFO(type);
        CHECK(count_of(delivered, type) == 1);
    }
}

}  // namespace seminarflow::testing
