#include "engine/interpreter/contest_standings.hpp"

#include <algorithm>
#include <compare>
#include <numeric>

namespace seminarflow {
namespace {

struct Totals {
    Hundredths sum = 0;
    std::int64_t count = 0;
    Hundredths best = 0;
};

Totals totals_of(const std::vector<Hundredths>& scores) {
    return Totals{std::accumulate(scores.begin(), scores.end(), Hundredths{0}), static_cast<std::int64_t>(scores.size()),
                  best_points(scores)};
}

// The mean rounded half up to the hundredth, for showing.
Hundredths shown_mean(const Totals& totals) {
    return totals.count == 0 ? 0 : (2 * totals.sum + totals.count) / (2 * totals.count);
}

// a's mean against b's, without division: sum_a / n_a <=> sum_b / n_b.
std::strong_ordering compare_means(const Totals& a, const Totals& b) {
    return a.sum * std::max<std::int64_t>(b.count, 1) <=> b.sum * std::max<std::int64_t>(a.count, 1);
}

}  // namespace

std::vector<Standing> rank_contestants(const std::vector<ScoredContestant>& contestants) {
    std::vector<Totals> totals;
    totals.reserve(contestants.size());
    for (const auto& contestant : contestants) totals.push_back(totals_of(contestant.scores));

    std::vector<std::size_t> order(contestants.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        if (const auto means = compare_means(totals[a], totals[b]); means != 0) return means > 0;
        if (totals[a].best != totals[b].best) return totals[a].best > totals[b].best;
        return contestants[a].number < contestants[b].number;
    });

    std::vector<Standing> standings;
    standings.reserve(order.size());
    for (const std::size_t index : order) {
        standings.push_back(Standing{index, shown_mean(totals[index]), totals[index].best});
    }
    return standings;
}

Hundredths mean_points(const std::vector<Hundredths>& scores) { return shown_mean(totals_of(scores)); }

Hundredths best_points(const std::vector<Hundredths>& scores) {
    return scores.empty() ? 0 : *std::max_element(scores.begin(), scores.end());
}

std::string points_text(Hundredths points) {
    std::string text = std::to_string(points / 100);
    const Hundredths fraction = points % 100;
    if (fraction == 0) return text;
    text += '.';
    text += static_cast<char>('0' + fraction / 10);
    if (fraction % 10 != 0) text += static_cast<char>('0' + fraction % 10);
    return text;
}

}  // namespace seminarflow
