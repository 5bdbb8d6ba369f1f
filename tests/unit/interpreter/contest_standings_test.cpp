// The contest's stated ranking rule: mean score, then best single score, then registration order.
#include <catch2/catch.hpp>

#include "engine/interpreter/contest_standings.hpp"

using namespace seminarflow;

namespace {

std::vector<std::int64_t> numbers_in_order(const std::vector<ScoredContestant>& contestants) {
    std::vector<std::int64_t> numbers;
    for (const auto& standing : rank_contestants(contestants)) numbers.push_back(contestants[standing.contestant].number);
    return numbers;
}

}  // namespace

TEST_CASE("standings put the higher mean score first", "[contest_standings]") {
    const std::vector<ScoredContestant> contestants{{1, {8000, 8200}}, {2, {9000}}, {3, {8500, 8600, 8700}}};
    CHECK(numbers_in_order(contestants) == std::vector<std::int64_t>{2, 3, 1});
    const auto standings = rank_contestants(contestants);
    CHECK(standings[0].mean == 9000);
    CHECK(standings[1].mean == 8600);
    CHECK(standings[2].best == 8200);
}

TEST_CASE("on equal means the higher best single score comes first", "[contest_standings]") {
    // 87.5 each: (90 + 85), (95 + 80), (88 + 87).
    const std::vector<ScoredContestant> contestants{{1, {9000, 8500}}, {2, {9500, 8000}}, {6, {8800, 8700}}};
    CHECK(numbers_in_order(contestants) == std::vector<std::int64_t>{2, 1, 6});
}

TEST_CASE("on equal means and best scores the earlier registration comes first", "[contest_standings]") {
    const std::vector<ScoredContestant> contestants{{7, {9100, 9100}}, {3, {9100}}, {5, {9100, 9000, 9200, 9100}}};
    // #5's best is 92: it goes first; #3 and #7 tie on mean and best, and #3 registered earlier.
    CHECK(numbers_in_order(contestants) == std::vector<std::int64_t>{5, 3, 7});
}

TEST_CASE("equal means compare equal however many jurors scored", "[contest_standings]") {
    // 83.67 each: 251.01 / 3, 167.34 / 2 and 83.67 alone; so the best scores decide.
    const std::vector<ScoredContestant> contestants{{1, {8367}}, {2, {8400, 8300, 8401}}, {3, {8300, 8434}}};
    CHECK(numbers_in_order(contestants) == std::vector<std::int64_t>{3, 2, 1});
}

TEST_CASE("a mean is shown rounded to the hundredth", "[contest_standings]") {
    const auto standings = rank_contestants({{1, {8000, 8000, 8001}}, {2, {8000, 8001}}});
    // #2: 80.005 shows as 80.01 (half up); #1: 80.00333 as 80.
    CHECK(standings[0].mean == 8001);
    CHECK(standings[1].mean == 8000);
    CHECK(points_text(8750) == "87.5");
    CHECK(points_text(9000) == "90");
    CHECK(points_text(8425) == "84.25");
    CHECK(points_text(5) == "0.05");
}
