#pragma once
// A contest round's standings, by the rule the contest states: the higher mean score first; on
// equal means, the higher best single score; then the earlier registration (the lower number).
// The last rule always decides, so no two contestants share a rank and "the top N" is always N.
#include <cstdint>
#include <string>
#include <vector>

namespace seminarflow {

// Scores are held in hundredths of a point, so that equal means compare equal exactly.
using Hundredths = std::int64_t;

struct ScoredContestant {
    std::int64_t number = 0;          // given at registration, in its order
    std::vector<Hundredths> scores;   // one per juror; at least one
};

struct Standing {
    std::size_t contestant = 0;  // index into the ranked list
    Hundredths mean = 0;         // rounded to the hundredth, for showing; ranking compares exactly
    Hundredths best = 0;
};

// Best first.
std::vector<Standing> rank_contestants(const std::vector<ScoredContestant>& contestants);

// The mean as shown, rounded half up to the hundredth, and the best single score; 0 with no score.
Hundredths mean_points(const std::vector<Hundredths>& scores);
Hundredths best_points(const std::vector<Hundredths>& scores);

// 87.5 for 8750, 90 for 9000, 83.33 for 8333.
std::string points_text(Hundredths points);

}  // namespace seminarflow
