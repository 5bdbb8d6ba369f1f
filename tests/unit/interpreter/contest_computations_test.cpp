// The contest's computations on rolls the walks of workflows/contest.yaml do not reach: a roll a
// caller handed in at creation that does not read as one is refused, saying where, not trusted.
#include <catch2/catch.hpp>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "engine/interpreter/contest_computations.hpp"
#include "engine/interpreter/contest_roll.hpp"

using namespace seminarflow;

namespace {

ComputationOutcome run(const std::string& name, const std::string& data, const std::string& payload) {
    static const NamedComputations computations = contest_computations();
    const auto data_object = boost::json::parse(data).as_object();
    const auto payload_object = boost::json::parse(payload).as_object();
    return computations.at(name).run(ComputationInput{data_object, payload_object});
}

std::string refusal(const ComputationOutcome& outcome) {
    REQUIRE_FALSE(outcome);
    return outcome.error();
}

constexpr const char* registration = R"({"contestant": "Nguyễn Thị Lan", "unit": "Hà Tu", "region": "Vùng Hạ Long"})";

}  // namespace

TEST_CASE("a roll that does not read as one is refused with where it goes wrong", "[contest]") {
    CHECK(refusal(run("register_contestant", R"({"contestants": "Lan"})", registration)) ==
          "data.contestants must be a list");
    CHECK(refusal(run("register_contestant", R"({"contestants": [{"number": 1, "name": "A", "unit": "U", "region": "R"}, 5]})",
                      registration)) == "data.contestants[1] must be an object");
    CHECK(refusal(run("register_contestant", R"({"contestants": [{"number": 2, "name": "A", "unit": "U", "region": "R"}]})",
                      registration)) == "data.contestants[0].number must be 1");
    CHECK(refusal(run("register_contestant", R"({"contestants": [{"number": 1, "name": "A", "unit": 7, "region": "R"}]})",
                      registration)) == "data.contestants[0].unit must be a text");
    CHECK(refusal(run("close_regional_round",
                      R"({"contestants": [{"number": 1, "name": "A", "unit": "U", "region": "R", "round_scores": {"X": 1e300}}]})",
                      R"({"region": "R"})")) == "data.contestants[0].round_scores: a score lies between 0 and 100, not 1e+300");
    CHECK(refusal(run("rank_final",
                      R"({"contestants": [{"number": 1, "name": "A", "unit": "U", "region": "R", "advanced": "yes"}]})",
                      "{}")) == "data.contestants[0].advanced must be true or false");
    CHECK(refusal(run("rank_final",
                      R"({"contestants": [{"number": 1, "name": "A", "unit": "U", "region": "R", "final_scores": [90]}]})",
                      "{}")) == "data.contestants[0].final_scores must map jurors to scores");
    CHECK(refusal(run("rank_final",
                      R"({"contestants": [{"number": 1, "name": "A", "unit": "U", "region": "R", "round_scores": {"X": "90"}}]})",
                      "{}")) == "data.contestants[0].round_scores must map jurors to scores");
    CHECK(refusal(run("rank_final",
                      R"({"contestants": [{"number": 1, "name": "A", "unit": "U", "region": "R", "round_rank": 1.5}]})",
                      "{}")) == "data.contestants[0].round_rank must be a whole number");
}

TEST_CASE("a roll reads back as it was written", "[contest]") {
    const auto registered = run("register_contestant", "{}", registration);
    REQUIRE(registered);
    auto scored = run("score_regional_round", boost::json::serialize(registered.value()),
                      R"({"contestant": 1, "juror": "Nguyễn Xuân Hán", "score": 84.25})");
    REQUIRE(scored);
    const auto roll = read_roll(scored.value());
    REQUIRE(roll);
    REQUIRE(roll->size() == 1);
    CHECK(roll->front().label() == "#1 Nguyễn Thị Lan");
    REQUIRE(roll->front().regional.scores.size() == 1);
    CHECK(roll->front().regional.scores[0].points == 8425);
    CHECK(roll_json(roll.value()) == scored->at("contestants").as_array());
}

TEST_CASE("nobody registered: a score or a ranking is refused", "[contest]") {
    CHECK(refusal(run("score_regional_round", "{}", R"({"contestant": 1, "juror": "X", "score": 80})")) ==
          "no contestant is registered");
    CHECK(refusal(run("rank_final", "{}", "{}")) == "no contestant advanced to the final");
}
