#include "engine/interpreter/contest_roll.hpp"

#include <cmath>

#include "engine/model/data_fields.hpp"
#include "engine/model/field.hpp"

namespace seminarflow {
namespace {

using boost::json::object;
using boost::json::value;

std::string key_of(ContestRound round, std::string_view what) {
    return std::string(round == ContestRound::regional ? "round_" : "final_") + std::string(what);
}

std::optional<std::string> read_text(const object& record, std::string_view key, std::string& out) {
    const value* found = record.if_contains(key);
    if (!found || !found->is_string()) return "." + std::string(key) + " must be a text";
    out = std::string(found->get_string());
    return std::nullopt;
}

std::optional<std::string> read_result(const object& record, ContestRound round, RoundResult& out) {
    const std::string scores_key = key_of(round, "scores");
    if (const value* scores = record.if_contains(scores_key)) {
        if (!scores->is_object()) return "." + scores_key + " must map jurors to scores";
        for (const auto& [juror, score] : scores->get_object()) {
            if (!score.is_number()) return "." + scores_key + " must map jurors to scores";
            auto points = score_points(score);
            if (!points) return "." + scores_key + ": " + points.error();
            out.scores.push_back(JurorScore{std::string(juror), score, points.value()});
        }
    }
    const std::string rank_key = key_of(round, "rank");
    if (record.contains(rank_key)) {
        out.rank = integer_field(record, rank_key);
        if (!out.rank) return "." + rank_key + " must be a whole number";
    }
    return std::nullopt;
}

std::optional<std::string> read_contestant(const value& entry, std::int64_t expected_number, Contestant& out) {
    if (!entry.is_object()) return std::string(" must be an object");
    const object& record = entry.get_object();
    const auto number = integer_field(record, "number");
    if (number != expected_number) return ".number must be " + std::to_string(expected_number);
    out.number = *number;
    for (const auto& [key, field] :
         {std::pair{"name", &out.name}, std::pair{"unit", &out.unit}, std::pair{"region", &out.region}}) {
        if (auto problem = read_text(record, key, *field)) return problem;
    }
    if (const value* advanced = record.if_contains("advanced")) {
        if (!advanced->is_bool()) return std::string(".advanced must be true or false");
        out.advanced = advanced->get_bool();
    }
    if (auto problem = read_result(record, ContestRound::regional, out.regional)) return problem;
    return read_result(record, ContestRound::final, out.final);
}

void write_result(const RoundResult& result, ContestRound round, object& out) {
    if (!result.scores.empty()) {
        object scores;
        for (const auto& score : result.scores) scores[score.juror] = score.given;
        out[key_of(round, "scores")] = std::move(scores);
    }
    if (result.rank) out[key_of(round, "rank")] = *result.rank;
}

}  // namespace

std::vector<Hundredths> RoundResult::points() const {
    std::vector<Hundredths> all;
    all.reserve(scores.size());
    for (const auto& score : scores) all.push_back(score.points);
    return all;
}

std::string Contestant::label() const { return "#" + std::to_string(number) + " " + name; }

Result<Hundredths, std::string> score_points(const boost::json::value& score) {
    const double scaled = score.to_number<double>() * 100.0;
    if (!(scaled >= 0.0 && scaled <= 10000.0)) {
        return fail("a score lies between 0 and 100, not " + describe_value(score));
    }
    if (std::abs(scaled - std::round(scaled)) > 1e-6) {
        return fail("a score has at most two decimals, not " + describe_value(score));
    }
    return static_cast<Hundredths>(std::llround(scaled));
}

Result<std::vector<Contestant>, std::string> read_roll(const boost::json::object& data) {
    std::vector<Contestant> roll;
    const value* stored = data.if_contains("contestants");
    if (!stored || stored->is_null()) return roll;
    if (!stored->is_array()) return fail(std::string("data.contestants must be a list"));
    for (const auto& entry : stored->get_array()) {
        Contestant contestant;
        if (auto problem = read_contestant(entry, static_cast<std::int64_t>(roll.size()) + 1, contestant)) {
            return fail("data.contestants[" + std::to_string(roll.size()) + "]" + *problem);
        }
        roll.push_back(std::move(contestant));
    }
    return roll;
}

boost::json::array roll_json(const std::vector<Contestant>& roll) {
    boost::json::array list;
    list.reserve(roll.size());
    for (const auto& contestant : roll) {
        object record{{"number", contestant.number},
                      {"name", contestant.name},
                      {"unit", contestant.unit},
                      {"region", contestant.region}};
        write_result(contestant.regional, ContestRound::regional, record);
        if (contestant.advanced) record["advanced"] = *contestant.advanced;
        write_result(contestant.final, ContestRound::final, record);
        list.push_back(std::move(record));
    }
    return list;
}

}  // namespace seminarflow
