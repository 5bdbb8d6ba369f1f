#pragma once
// The seed's story told through the runtime (story_driver.hpp): the 2016 programme of TKV's
// trade union, its seminar "Đổi mới công tác cán bộ và nâng cao hiệu quả hoạt động công đoàn" of
// 24 October 2016 (chaired by Lê Thanh Xuân, opening report by Phạm Hồng Hạnh), six tham luận,
// the delegates' proposals answered or forwarded in the conclusion, its directive to the eleven
// grassroots unions followed up until mid-December, and the eleven units rewarded 55,000,000 VND.
#include <string>

#include "adapters/cli/demo/story_driver.hpp"
#include "engine/ports/store.hpp"

namespace seminarflow::demo {

inline constexpr std::string_view programme_title = "Công tác cán bộ công đoàn TKV năm 2016";

struct StoryLoaded {
    std::string programme_id;
    std::string seminar_id;
    std::size_t participants = 0;
};

// Tells it, from the directory to the last directive reported; the first step that fails stops it
// and says which.
Result<StoryLoaded, std::string> tell_tkv_story(StoryDriver& story, Store& store);

}  // namespace seminarflow::demo
