#pragma once
// The people and units of the demo's seed (/work/shared/seeds, 000: the Vietnam National Coal
// and Mineral Industries trade union's seminar of 24 October 2016): the union (Công đoàn TKV)
// under the federation, eleven grassroots unions of its coal companies, and the three officials
// the article names. The article names no member unit; the eleven are TKV's coal companies.
#include <string>
#include <vector>

#include "engine/model/directory.hpp"
#include "engine/model/result.hpp"
#include "engine/ports/store.hpp"

namespace seminarflow::demo {

inline constexpr std::string_view tkv_ref = "cd-tkv";

struct DemoUnit {
    std::string ref;
    std::string name;
};

// The eleven grassroots unions rewarded for the 2016 contest; the first six give tham luận.
const std::vector<DemoUnit>& coal_unions();

// The units and people, saved as `directory import` and POST /v1/directory/... save them.
Result<Done, std::string> save_directory(Store& store, Time at);

// The seminar's participants, as POST .../participants and .../invite make them: the chair and
// officials, the organiser, every grassroots union of TKV as a delegate (one invitation), and the
// six contributors, who answered yes.
Result<std::size_t, std::string> add_participants(Store& store, const std::string& seminar, Time at);

}  // namespace seminarflow::demo
