#include "engine/interpreter/contest_computations.hpp"

#include <algorithm>
#include <set>

#include "engine/interpreter/contest_roll.hpp"
#include "engine/model/data_fields.hpp"
#include "engine/model/field.hpp"

namespace seminarflow {
namespace {

using boost::json::object;

std::string joined(const std::vector<std::string>& parts, std::string_view separator) {
    std::string text;
    for (const auto& part : parts) text += (text.empty() ? "" : std::string(separator)) + part;
    return text;
}

std::int64_t scores_in(const std::vector<Contestant>& roll) {
    std::int64_t count = 0;
    for (const auto& contestant : roll) {
        count += static_cast<std::int64_t>(contestant.regional.scores.size() + contestant.final.scores.size());
    }
    return count;
}

std::set<std::string> regions_of(const std::vector<Contestant>& roll) {
    std::set<std::string> regions;
    for (const auto& contestant : roll) regions.insert(contestant.region);
    return regions;
}

Result<Contestant*, std::string> find_contestant(std::vector<Contestant>& roll, const boost::json::value& number) {
    const std::int64_t* wanted = number.if_int64();
    if (wanted && *wanted >= 1 && *wanted <= static_cast<std::int64_t>(roll.size())) {
        return &roll[static_cast<std::size_t>(*wanted - 1)];
    }
    if (roll.empty()) return fail(std::string("no contestant is registered"));
    return fail("no contestant has number " + describe_value(number) + "; the numbers run from 1 to " +
                std::to_string(roll.size()));
}

ComputationOutcome register_contestant(const ComputationInput& input) {
    auto roll = read_roll(input.data);
    if (!roll) return fail(std::move(roll).error());
    Contestant entrant;
    entrant.number = static_cast<std::int64_t>(roll->size()) + 1;
    entrant.name = text_field(input.payload, "contestant");
    entrant.unit = text_field(input.payload, "unit");
    entrant.region = text_field(input.payload, "region");
    for (const auto& contestant : roll.value()) {
        if (contestant.name == entrant.name && contestant.unit == entrant.unit) {
            return fail("'" + entrant.name + "' of '" + entrant.unit + "' is registered already, as " + contestant.label());
        }
    }
    roll->push_back(std::move(entrant));
    return object{{"contestants", roll_json(roll.value())},
                  {"registrations", static_cast<std::int64_t>(roll->size())},
                  {"regions", static_cast<std::int64_t>(regions_of(roll.value()).size())}};
}

// One juror's score for one contestant; a juror who scores again corrects their score.
ComputationOutcome record_score(const ComputationInput& input, ContestRound round) {
    auto roll = read_roll(input.data);
    if (!roll) return fail(std::move(roll).error());
    auto found = find_contestant(roll.value(), input.payload.at("contestant"));
    if (!found) return fail(std::move(found).error());
    Contestant& contestant = *found.value();
    if (round == ContestRound::regional && contestant.advanced) {
        return fail("the round of " + contestant.region + " is closed: " + contestant.label() + "'s scores are final");
    }
    if (round == ContestRound::final && !contestant.finalist()) {
        return fail(contestant.label() + " did not advance to the final");
    }
    const boost::json::value& given = input.payload.at("score");
    auto points = score_points(given);
    if (!points) return fail(std::move(points).error());
    JurorScore score{text_field(input.payload, "juror"), given, points.value()};
    auto& scores = contestant.result(round).scores;
    const auto same_juror = std::find_if(scores.begin(), scores.end(),
                                         [&](const JurorScore& earlier) { return earlier.juror == score.juror; });
    if (same_juror == scores.end()) {
        scores.push_back(std::move(score));
    } else {
        *same_juror = std::move(score);
    }
    return object{{"contestants", roll_json(roll.value())}, {"scores_recorded", scores_in(roll.value())}};
}

// Ranks `entrants` by the stated rule, writing each one's rank; answers the result lines,
// "1. #7 Nguyễn Văn An (Công đoàn Công ty Than Hà Tu): 92.5 / 95" (mean / best score).
Result<std::vector<std::string>, std::string> rank(const std::vector<Contestant*>& entrants, ContestRound round,
                                                   bool name_region) {
    std::vector<ScoredContestant> scored;
    std::vector<std::string> unscored;
    for (Contestant* entrant : entrants) {
        ScoredContestant entry{entrant->number, entrant->result(round).points()};
        if (entry.scores.empty()) unscored.push_back(entrant->label());
        scored.push_back(std::move(entry));
    }
    if (!unscored.empty()) return fail("no score yet for " + joined(unscored, ", "));
    std::vector<std::string> lines;
    std::int64_t place = 0;
    for (const Standing& standing : rank_contestants(scored)) {
        Contestant& contestant = *entrants[standing.contestant];
        contestant.result(round).rank = ++place;
        const std::string where = name_region ? contestant.unit + ", " + contestant.region : contestant.unit;
        lines.push_back(std::to_string(place) + ". " + contestant.label() + " (" + where + "): " +
                        points_text(standing.mean) + " / " + points_text(standing.best));
    }
    return lines;
}

ComputationOutcome close_regional_round(const ComputationInput& input) {
    auto roll = read_roll(input.data);
    if (!roll) return fail(std::move(roll).error());
    const std::string region = text_field(input.payload, "region");
    std::vector<Contestant*> entrants;
    for (auto& contestant : roll.value()) {
        if (contestant.region == region) entrants.push_back(&contestant);
    }
    if (entrants.empty()) {
        const auto regions = regions_of(roll.value());
        return fail("no contestant is registered in region '" + region + "'; the regions are: " +
                    joined({regions.begin(), regions.end()}, ", "));
    }
    if (entrants.front()->advanced) return fail("the round of " + region + " is closed already");
    auto lines = rank(entrants, ContestRound::regional, false);
    if (!lines) return fail("the round of " + region + " cannot close: " + lines.error());

    const std::int64_t advancing = integer_field(input.data, "advance_per_region").value_or(3);
    std::sort(entrants.begin(), entrants.end(),
              [](const Contestant* a, const Contestant* b) { return *a->regional.rank < *b->regional.rank; });
    boost::json::array advanced;
    for (Contestant* entrant : entrants) {
        entrant->advanced = *entrant->regional.rank <= advancing;
        if (*entrant->advanced) advanced.emplace_back(entrant->label());
    }
    std::set<std::string> closed;
    std::int64_t finalists = 0;
    for (const auto& contestant : roll.value()) {
        if (contestant.advanced) closed.insert(contestant.region);
        if (contestant.finalist()) ++finalists;
    }
    return object{{"contestants", roll_json(roll.value())},
                  {"rounds_done", static_cast<std::int64_t>(closed.size())},
                  {"finalists", finalists},
                  {"round_region", region},
                  {"round_results", joined(lines.value(), "\n")},
                  {"round_advanced", std::move(advanced)}};
}

ComputationOutcome rank_final(const ComputationInput& input) {
    auto roll = read_roll(input.data);
    if (!roll) return fail(std::move(roll).error());
    std::vector<Contestant*> finalists;
    for (auto& contestant : roll.value()) {
        if (contestant.finalist()) finalists.push_back(&contestant);
    }
    if (finalists.empty()) return fail(std::string("no contestant advanced to the final"));
    auto lines = rank(finalists, ContestRound::final, true);
    if (!lines) return fail("the results cannot be announced yet: " + lines.error());
    const Contestant& first = **std::find_if(finalists.begin(), finalists.end(),
                                             [](const Contestant* finalist) { return finalist->final.rank == 1; });
    return object{{"contestants", roll_json(roll.value())},
                  {"winner", first.name + " (" + first.unit + ")"},
                  {"results", joined(lines.value(), "\n")}};
}

}  // namespace

NamedComputations contest_computations() {
    const ValueType list = ValueType::array;
    const ValueType whole = ValueType::integer;
    const ValueType text = ValueType::string;
    NamedComputations computations;
    computations.emplace("register_contestant",
                         NamedComputation{{{"contestants", list}, {"registrations", whole}, {"regions", whole}},
                                          register_contestant});
    const std::vector<std::pair<std::string, ValueType>> score_fields{{"contestants", list}, {"scores_recorded", whole}};
    computations.emplace("score_regional_round", NamedComputation{score_fields, [](const ComputationInput& input) {
                                                                      return record_score(input, ContestRound::regional);
                                                                  }});
    computations.emplace("score_final", NamedComputation{score_fields, [](const ComputationInput& input) {
                                                             return record_score(input, ContestRound::final);
                                                         }});
    computations.emplace("close_regional_round",
                         NamedComputation{{{"contestants", list},
                                           {"rounds_done", whole},
                                           {"finalists", whole},
                                           {"round_region", text},
                                           {"round_results", text},
                                           {"round_advanced", list}},
                                          close_regional_round});
    computations.emplace("rank_final",
                         NamedComputation{{{"contestants", list}, {"winner", text}, {"results", text}}, rank_final});
    return computations;
}

}  // namespace seminarflow
