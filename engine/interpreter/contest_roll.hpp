#pragma once
// The contest's roll (data.contestants), read into types and written back. Only the contest's
// computations write it, but a caller may hand any list at creation: what does not read as a
// roll is refused with where it goes wrong, never trusted.
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "engine/interpreter/contest_standings.hpp"
#include "engine/model/result.hpp"

namespace seminarflow {

enum class ContestRound { regional, final };

// One juror's score, kept as given (90 stays 90, 84.25 stays 84.25) and in hundredths.
struct JurorScore {
    std::string juror;
    boost::json::value given;
    Hundredths points = 0;
};

struct RoundResult {
    std::vector<JurorScore> scores;
    std::optional<std::int64_t> rank;  // once the round is ranked

    std::vector<Hundredths> points() const;
};

struct Contestant {
    std::int64_t number = 0;  // 1, 2, ... in the order of registration (số báo danh)
    std::string name;
    std::string unit;
    std::string region;
    RoundResult regional;
    std::optional<bool> advanced;  // set when the region's round is closed
    RoundResult final;

    RoundResult& result(ContestRound round) { return round == ContestRound::regional ? regional : final; }
    bool finalist() const { return advanced.value_or(false); }
    // "#7 Nguyễn Văn An", as refusals and results name a contestant.
    std::string label() const;
};

// A score as hundredths of a point, or why it is not one (outside 0-100, more than two decimals).
Result<Hundredths, std::string> score_points(const boost::json::value& score);

// data.contestants (absent or null: nobody registered yet).
Result<std::vector<Contestant>, std::string> read_roll(const boost::json::object& data);
boost::json::array roll_json(const std::vector<Contestant>& roll);

}  // namespace seminarflow
