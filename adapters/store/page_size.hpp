#pragma once
// The one rule every keyset listing of the store pages by: how many rows a page holds, and how
// many its LIMIT fetches (one more, which tells whether another page follows).
#include <algorithm>
#include <climits>
#include <cstddef>

namespace seminarflow {

// At least one, and one fewer than the most a LIMIT takes, so that rows_to_fetch() fits.
inline std::size_t page_size(std::size_t limit) { return std::clamp<std::size_t>(limit, 1, LLONG_MAX - 1); }

// The LIMIT for a page of `wanted` rows (from page_size()).
inline long long rows_to_fetch(std::size_t wanted) { return static_cast<long long>(wanted) + 1; }

}  // namespace seminarflow
