#include "adapters/cli/demo/tkv_story.hpp"

#include "adapters/cli/demo/tkv_directory.hpp"

namespace seminarflow::demo {
namespace {

// Times are UTC; the seminar ran from 08:00 to 12:00 in Hà Nội (UTC+7).
constexpr std::string_view starts_at = "2016-10-24T01:00:00Z";
constexpr std::string_view ends_at = "2016-10-24T05:00:00Z";
constexpr std::int64_t reward_vnd = 5'000'000;  // 11 units, 55,000,000 VND in all

const std::string seminar_title = "Hội thảo “Đổi mới công tác cán bộ và nâng cao hiệu quả hoạt động công đoàn”";

Time at(std::string_view rfc3339) { return *parse_rfc3339(rfc3339); }

// The seed's themes of discussion, one tham luận each.
const std::vector<std::string>& contribution_titles() {
    static const std::vector<std::string> titles{
        "Thực trạng hoạt động của cán bộ công đoàn chuyên trách tại cơ sở",
        "Đào tạo, bồi dưỡng và sử dụng cán bộ công đoàn sau đào tạo",
        "Luân chuyển giữa cán bộ chuyên môn và cán bộ công đoàn",
        "Chế độ tiền lương, phụ cấp của cán bộ công đoàn",
        "Số lượng cán bộ công đoàn chuyên trách so với quy định của Tổng LĐLĐ Việt Nam",
        "Phối hợp giữa tổ chức Công đoàn với chuyên môn trong bố trí, sử dụng cán bộ công đoàn",
    };
    return titles;
}

Result<Done, std::string> step(StoryDriver& story, const std::string& id, std::string_view type,
                               boost::json::object payload, Role role) {
    auto done = story.send(id, type, std::move(payload), role);
    if (!done) return fail(std::move(done).error());
    return Done{};
}

Result<std::vector<std::string>, std::string> spawning(StoryDriver& story, const std::string& id,
                                                       std::string_view type, boost::json::object payload,
                                                       std::size_t expected) {
    auto done = story.send(id, type, std::move(payload), Role::organiser);
    if (!done) return fail(std::move(done).error());
    if (done->spawned.size() != expected) {
        return fail(std::string(type) + ": " + std::to_string(done->spawned.size()) + " children, not " +
                    std::to_string(expected));
    }
    return std::move(done->spawned);
}

boost::json::array unit_names(std::size_t count) {
    boost::json::array names;
    for (std::size_t i = 0; i < count; ++i) names.emplace_back(coal_unions()[i].name);
    return names;
}

// The programme is launched in September and adds the seminar, which is planned and invites
// the six contributing unions.
Result<std::vector<std::string>, std::string> plan(StoryDriver& story, Store& store, StoryLoaded& loaded) {
    if (auto saved = save_directory(store, story.now()); !saved) return fail(std::move(saved).error());
    auto programme = story.create("programme", {{"title", programme_title}}, std::nullopt, Role::organiser);
    if (!programme) return fail(std::move(programme).error());
    loaded.programme_id = *programme;
    if (auto done = step(story, *programme, "launch",
                         {{"theme", "Đổi mới công tác cán bộ và nâng cao hiệu quả hoạt động công đoàn"},
                          {"year", 2016}, {"organiser_unit", "Công đoàn Than - Khoáng sản Việt Nam"},
                          {"ends_at", "2016-12-31T10:00:00Z"}}, Role::organiser); !done) return fail(done.error());
    auto seminar = spawning(story, *programme, "add_seminar", {{"title", seminar_title}}, 1);
    if (!seminar) return fail(std::move(seminar).error());
    loaded.seminar_id = seminar->front();
    if (auto done = step(story, loaded.seminar_id, "plan",
                         {{"kind", "hoi_thao"}, {"starts_at", starts_at}, {"ends_at", ends_at},
                          {"venue", "Hà Nội"}, {"chair", "Đồng chí Lê Thanh Xuân - Chủ tịch Công đoàn TKV"},
                          {"organiser_unit", "Công đoàn Than - Khoáng sản Việt Nam"}, {"min_contributions", 6},
                          {"budget_vnd", 60'000'000}}, Role::organiser); !done) return fail(done.error());
    auto participants = add_participants(store, loaded.seminar_id, story.now());
    if (!participants) return fail(std::move(participants).error());
    loaded.participants = *participants;
    return spawning(story, loaded.seminar_id, "invite",
                    {{"units", unit_names(6)}, {"contributions_due", "2016-10-14T10:00:00Z"}}, 6);
}

// Each union sends its tham luận in October; the committee reviews, accepts and schedules it.
Result<Done, std::string> collect(StoryDriver& story, const std::vector<std::string>& submissions) {
    for (std::size_t i = 0; i < submissions.size(); ++i) {
        const std::string& id = submissions[i];
        const Time day = at("2016-10-03T02:00:00Z") + std::chrono::days(static_cast<int>(i));
        if (auto moved = story.advance_to(day); !moved) return moved;
        const std::string document = "https://congdoantkv.vn/hoi-thao-2016/tham-luan-" + std::to_string(i + 1) + ".pdf";
        if (auto done = step(story, id, "submit",
                             {{"title", contribution_titles()[i]}, {"abstract", contribution_titles()[i] + "."},
                              {"document_url", document}}, Role::member); !done) return done;
        if (auto done = step(story, id, "start_review", {}, Role::organiser); !done) return done;
        if (auto done = step(story, id, "accept", {{"review_note", "Đạt yêu cầu"}}, Role::reviewer); !done) return done;
        const Time slot = at(starts_at) + std::chrono::minutes(30 + 30 * static_cast<int>(i));
        if (auto done = step(story, id, "schedule", {{"slot_at", format_rfc3339(slot)}}, Role::organiser); !done) {
            return done;
        }
    }
    return Done{};
}

// The rewards of the contest, nominated and approved on the day within the budget.
Result<std::vector<std::string>, std::string> reward_units(StoryDriver& story, const std::string& seminar) {
    std::vector<std::string> rewards;
    for (const DemoUnit& unit : coal_unions()) {
        auto spawned = spawning(story, seminar, "nominate",
                                {{"recipient", unit.name}, {"recipient_kind", "unit"},
                                 {"achievement", "Thành tích trong việc triển khai, tham gia tổ chức Hội thi cán bộ "
                                                 "công đoàn giỏi năm 2016"},
                                 {"amount_vnd", reward_vnd}, {"certificate_kind", "giay_khen"}}, 1);
        if (!spawned) return spawned;
        const std::string& id = spawned->front();
        if (auto done = step(story, id, "evaluate", {{"evaluation", "Đề nghị khen thưởng"}}, Role::reviewer); !done) {
            return fail(done.error());
        }
        if (auto done = step(story, id, "approve", {{"decision_number", "1125/QĐ-CĐTKV"}}, Role::organiser); !done) {
            return fail(done.error());
        }
        rewards.push_back(id);
    }
    return rewards;
}

// Three of the proposals the seed lists, raised from the floor.
Result<std::vector<std::string>, std::string> raise_proposals(StoryDriver& story, const std::string& seminar) {
    const std::vector<std::pair<std::size_t, std::string>> raised{
        {3, "Đề nghị nâng phụ cấp trách nhiệm cho cán bộ công đoàn kiêm nhiệm"},
        {4, "Đề nghị bổ sung biên chế cán bộ công đoàn chuyên trách theo quy định của Tổng LĐLĐ Việt Nam"},
        {1, "Đề nghị mở thêm lớp bồi dưỡng kỹ năng cho cán bộ công đoàn mới được bầu"}};
    std::vector<std::string> proposals;
    for (const auto& [unit, content] : raised) {
        auto spawned = spawning(story, seminar, "record_proposal",
                                {{"unit", coal_unions()[unit].name}, {"content", content},
                                 {"raised_by", "Chủ tịch " + coal_unions()[unit].name}}, 1);
        if (!spawned) return spawned;
        proposals.push_back(spawned->front());
    }
    return proposals;
}

// Two days after the seminar the certificates are handed over and the money paid.
Result<Done, std::string> issue_rewards(StoryDriver& story, const std::vector<std::string>& rewards) {
    if (auto moved = story.advance_to(at("2016-10-26T02:00:00Z")); !moved) return moved;
    for (std::size_t i = 0; i < rewards.size(); ++i) {
        const std::string certificate = "GK-2016-" + std::to_string(101 + i);
        if (auto done = step(story, rewards[i], "issue",
                             {{"certificate_number", certificate}, {"paid_vnd", reward_vnd}}, Role::organiser);
            !done) {
            return done;
        }
        if (auto done = step(story, rewards[i], "publish",
                             {{"published_url", "https://congdoantkv.vn/tin-cong-doan/hoi-thao-2016"}},
                             Role::organiser);
            !done) {
            return done;
        }
    }
    return Done{};
}

// Mid-December: unions 1-4 done, 5 carried over, 6-8 under way, 9-11 not yet acknowledged.
Result<Done, std::string> work_on_directives(StoryDriver& story, const std::vector<std::string>& directives) {
    if (auto moved = story.advance_to(at("2016-11-15T02:00:00Z")); !moved) return moved;
    for (std::size_t i = 0; i < 8; ++i) {
        if (i == 4) continue;
        if (auto done = step(story, directives[i], "acknowledge", {}, Role::member); !done) return done;
        if (i < 4) continue;
        if (auto done = step(story, directives[i], "start_work", {}, Role::member); !done) return done;
    }
    if (auto done = step(story, directives[4], "carry_over",
                         {{"reason", "Chuyển sang kế hoạch năm 2017, sau khi kiện toàn Ban Chấp hành"}},
                         Role::organiser);
        !done) {
        return done;
    }
    if (auto moved = story.advance_to(at("2016-12-10T02:00:00Z")); !moved) return moved;
    for (std::size_t i = 0; i < 4; ++i) {
        if (auto done = step(story, directives[i], "report",
                             {{"report", "Đã rà soát, bổ sung quy hoạch cán bộ công đoàn nhiệm kỳ 2017-2022"}},
                             Role::member);
            !done) {
            return done;
        }
        if (auto done = step(story, directives[i], "accept_report", {}, Role::organiser); !done) return done;
    }
    return story.advance_to(at("2016-12-15T02:00:00Z"));
}

// The day: the timer opens the session at 08:00, the opening report, the six tham luận in their
// slots, proposals from the floor, the rewards; the timer ends it at 12:00.
Result<Done, std::string> hold_session(StoryDriver& story, const std::string& seminar,
                                       const std::vector<std::string>& submissions,
                                       std::vector<std::string>& proposals, std::vector<std::string>& rewards) {
    if (auto moved = story.advance_to(at(starts_at)); !moved) return moved;
    if (auto done = step(story, seminar, "record_opening_report",
                         {{"speaker", "Đồng chí Phạm Hồng Hạnh - Trưởng ban Tổ chức Công đoàn TKV"},
                          {"document_url", "https://congdoantkv.vn/hoi-thao-2016/de-dan.pdf"}}, Role::organiser);
        !done) {
        return fail("the session did not open at its start (" + done.error() + ")");
    }
    for (const std::string& submission : submissions) {
        if (auto done = step(story, submission, "present", {}, Role::organiser); !done) return done;
    }
    auto raised = raise_proposals(story, seminar);
    if (!raised) return fail(std::move(raised).error());
    proposals = std::move(*raised);
    auto rewarded = reward_units(story, seminar);
    if (!rewarded) return fail(std::move(rewarded).error());
    rewards = std::move(*rewarded);
    return story.advance_to(at(ends_at));
}


// After the session: the chair answers two proposals and forwards the one only the federation
// can settle, and concludes with a directive to the eleven unions, due at the end of March.
Result<std::vector<std::string>, std::string> conclude(StoryDriver& story, const std::string& seminar,
                                                       const std::vector<std::string>& proposals) {
    if (auto moved = story.advance_to(at("2016-10-24T06:00:00Z")); !moved) return fail(std::move(moved).error());
    const std::string answer =
        "Chủ trì giải đáp tại hội thảo; Công đoàn TKV phối hợp với chuyên môn xem xét trong năm 2017";
    if (auto done = step(story, proposals[0], "answer", {{"answer", answer}}, Role::organiser); !done) {
        return fail(std::move(done).error());
    }
    if (auto done = step(story, proposals[1], "forward",
                         {{"forwarded_to", "Tổng Liên đoàn Lao động Việt Nam"},
                          {"answer", "Vượt thẩm quyền của Công đoàn TKV: chuyển Tổng Liên đoàn xem xét"}},
                         Role::organiser);
        !done) {
        return fail(std::move(done).error());
    }
    if (auto done = step(story, proposals[2], "answer", {{"answer", answer}}, Role::organiser); !done) {
        return fail(std::move(done).error());
    }
    auto directives = story.send(
        seminar, "conclude",
        {{"conclusion", "Công đoàn trực thuộc cần có những giải pháp nâng cao chất lượng cán bộ và hiệu quả hoạt động "
                        "công đoàn; tiếp tục đổi mới phương thức hoạt động; quan tâm đào tạo, bồi dưỡng, giao lưu trao "
                        "đổi kinh nghiệm để nâng cao năng lực cho cán bộ công đoàn."},
         {"directive", "Chủ động lựa chọn, quy hoạch cán bộ công đoàn để chuẩn bị nguồn cho Đại hội Công đoàn các cấp"},
         {"units", unit_names(coal_unions().size())},
         {"due_at", "2017-03-31T10:00:00Z"}},
        Role::organiser);
    if (!directives) return fail(std::move(directives).error());
    if (directives->spawned.size() != coal_unions().size()) {
        return fail(std::string("conclude: not one directive per union"));
    }
    return std::move(directives->spawned);
}

}  // namespace

Result<StoryLoaded, std::string> tell_tkv_story(StoryDriver& story, Store& store) {
    StoryLoaded loaded;
    if (auto moved = story.advance_to(at("2016-09-01T02:00:00Z")); !moved) return fail(std::move(moved).error());
    auto submissions = plan(story, store, loaded);
    if (!submissions) return fail(std::move(submissions).error());
    if (auto done = collect(story, *submissions); !done) return fail(std::move(done).error());
    if (auto moved = story.advance_to(at("2016-10-17T02:00:00Z")); !moved) return fail(std::move(moved).error());
    if (auto done = step(story, loaded.seminar_id, "publish_programme", {}, Role::organiser); !done) {
        return fail(std::move(done).error());
    }
    std::vector<std::string> proposals, rewards;
    if (auto done = hold_session(story, loaded.seminar_id, *submissions, proposals, rewards); !done) {
        return fail(std::move(done).error());
    }
    auto directives = conclude(story, loaded.seminar_id, proposals);
    if (!directives) return fail(std::move(directives).error());
    if (auto done = issue_rewards(story, rewards); !done) return fail(std::move(done).error());
    if (auto done = work_on_directives(story, *directives); !done) return fail(std::move(done).error());
    return loaded;
}

}  // namespace seminarflow::demo
