#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace seminarflow {

// " (did you mean 'planned'?)" when one candidate is a plausible typo of `wrong`, else "".
std::string did_you_mean(std::string_view wrong, const std::vector<std::string>& candidates);

}  // namespace seminarflow
