// From a decision to the Commit that carries it out, on the shipped seminar and its children.
#include <catch2/catch.hpp>

#include <algorithm>

#include "engine/interpreter/interpreter.hpp"
#include "engine/runtime/commit_planner.hpp"
#include "support/time_literal.hpp"
#include "workflows/shipped_catalogue.hpp"

using namespace seminarflow;
using seminarflow::test::at;

namespace {

// Ids 00000000-0000-7000-8000-000000000001, ...2, ...: predictable, and valid UUIDs.
class CountingIds final : public IdSource {
public:
    std::string next_id() override {
        const std::string number = std::to_string(++count_);
        return "00000000-0000-7000-8000-" + std::string(12 - number.size(), '0') + number;
    }

private:
    int count_ = 0;
};

const Time now = at("2026-08-04T08:30:00+07:00");

Instance planned_seminar() {
    Instance seminar;
    seminar.id = "11111111-1111-7111-8111-111111111111";
    seminar.workflow = "seminar";
    seminar.definition_version = 2;
    seminar.state = "planned";
    seminar.version = 3;
    seminar.data = boost::json::object{
        {"title", "Tọa đàm “Nâng cao chất lượng hoạt động công đoàn cơ sở”"},
        {"kind", "toa_dam"},
        {"starts_at", "2026-08-25T07:00:00Z"},
        {"ends_at", "2026-08-25T10:00:00Z"},
        {"venue", "Hội trường Liên đoàn Lao động tỉnh"},
        {"chair", "Đồng chí Nguyễn Văn Kiên"},
        {"organiser_unit", "Ban Thường vụ Công đoàn Viên chức tỉnh"},
        {"min_contributions", 2},
        {"budget_vnd", 55000000},
        {"rewards_approved_vnd", 0},
        {"timezone", "Asia/Ho_Chi_Minh"},
    };
    return seminar;
}

Event invite(boost::json::array units) {
    return Event{"invite",
                 boost::json::object{{"units", std::move(units)}, {"contributions_due", "2026-08-18T10:00:00Z"}},
                 Actor{"ban-to-chuc", Role::organiser}};
}

Decision decided(const Definition& definition, const Instance& instance, const Event& event) {
    Outcome outcome = decide(definition, instance, event, now);
    if (const auto* rejection = std::get_if<Rejection>(&outcome)) FAIL("refused: " << rejection->message);
    return std::get<Decision>(std::move(outcome));
}

}  // namespace

TEST_CASE("a transition becomes one commit: the update, its history entry and every effect", "[runtime][planner]") {
    const Catalogue& catalogue = test::shipped_catalogue();
    const Definition& seminar = *catalogue.find("seminar");
    const Instance instance = planned_seminar();
    const Event event = invite({"CĐCS Sở Tư pháp", "CĐCS Kho bạc Nhà nước tỉnh"});
    CountingIds ids;

    auto commit = plan_transition(catalogue, seminar, instance, event, decided(seminar, instance, event), now, ids);
    REQUIRE(commit.ok());

    REQUIRE(commit->update);
    CHECK(commit->update->id == instance.id);
    CHECK(commit->update->expected_version == 3);  // compare-and-swap on the version decided on
    CHECK(commit->update->state == "inviting");
    CHECK(commit->update->data.at("title") == instance.data.at("title"));  // the whole data, patched
    CHECK(commit->update->updated_at == now);

    // The seminar's own entry first, numbered by the version it creates, then one per child.
    REQUIRE(commit->history.size() == 3);
    const HistoryEntry& entry = commit->history.front();
    CHECK(entry.instance_id == instance.id);
    CHECK(entry.seq == 4);
    CHECK(entry.event == "invite");
    CHECK(entry.actor.role == Role::organiser);
    CHECK(entry.from == std::optional<std::string>("planned"));
    CHECK(entry.to == "inviting");
    CHECK(entry.payload == event.payload);
    CHECK(entry.at == now);

    // One submission per invited unit, started in their initial state, children of the seminar.
    REQUIRE(commit->created.size() == 2);
    for (const Instance& child : commit->created) {
        CHECK(child.workflow == "submission");
        CHECK(child.parent == std::optional<std::string>(instance.id));
        CHECK(child.version == 1);
        CHECK(child.state == catalogue.find("submission")->states[catalogue.find("submission")->initial].name);
        CHECK(child.created_at == now);
    }
    CHECK(commit->created[0].data.at("unit") == "CĐCS Sở Tư pháp");
    CHECK(commit->created[1].data.at("unit") == "CĐCS Kho bạc Nhà nước tỉnh");
    CHECK(commit->history[1].event == "created");
    CHECK(commit->history[1].seq == 1);
    CHECK(commit->history[1].instance_id == commit->created[0].id);
    CHECK(commit->history[1].actor.role == Role::system);

    // Timers and notifications of the children are in the same commit, so they exist exactly
    // when the children do.
    for (const Timer& timer : commit->timers_scheduled) CHECK_FALSE(timer.instance_id.empty());
    CHECK(std::any_of(commit->timers_scheduled.begin(), commit->timers_scheduled.end(),
                      [&](const Timer& timer) { return timer.instance_id == commit->created[0].id; }));
    for (const Notification& notification : commit->notifications) {
        CHECK(notification.id.size() == 36);
        CHECK(notification.created_at == now);
        CHECK(notification.payload.contains("data"));
    }
    CHECK_FALSE(commit->fired_timer);
    CHECK_FALSE(commit->idempotency);

    // planned and inviting both warn 3 days before an unready start: the decision cancels the
    // warning and schedules it again, and the commit keeps it scheduled. The store writes
    // cancellations after schedules, so a timer in both lists would be lost.
    const auto seminar_timer = [&](const auto& timers) {
        return std::count_if(timers.begin(), timers.end(), [&](const auto& timer) {
            return timer.instance_id == instance.id && timer.name == "not_ready_warning";
        });
    };
    CHECK(seminar_timer(commit->timers_scheduled) == 1);
    CHECK(seminar_timer(commit->timers_cancelled) == 0);
}

TEST_CASE("every new id is distinct, from the id source", "[runtime][planner]") {
    const Catalogue& catalogue = test::shipped_catalogue();
    const Definition& seminar = *catalogue.find("seminar");
    const Instance instance = planned_seminar();
    const Event event = invite({"CĐCS Sở Tư pháp", "CĐCS Cục Thuế tỉnh", "CĐCS Sở Công Thương"});
    CountingIds ids;
    auto commit = plan_transition(catalogue, seminar, instance, event, decided(seminar, instance, event), now, ids);
    REQUIRE(commit.ok());
    std::set<std::string> seen;
    for (const auto& child : commit->created) CHECK(seen.insert(child.id).second);
    for (const auto& notification : commit->notifications) CHECK(seen.insert(notification.id).second);
    for (const auto& signal : commit->signals) CHECK(seen.insert(signal.id).second);
}

TEST_CASE("a child its own definition refuses refuses the parent's event", "[runtime][planner]") {
    const Catalogue& catalogue = test::shipped_catalogue();
    const Definition& seminar = *catalogue.find("seminar");
    const Instance instance = planned_seminar();
    // units_distinct lets objects with an id through; the submission wants its unit as text.
    const Event event = invite({boost::json::object{{"id", "CĐCS Sở Tư pháp"}}});
    CountingIds ids;
    const Outcome outcome = decide(seminar, instance, event, now);
    REQUIRE(std::holds_alternative<Decision>(outcome));
    auto commit = plan_transition(catalogue, seminar, instance, event, std::get<Decision>(outcome), now, ids);
    REQUIRE_FALSE(commit.ok());
    CHECK(commit.error().kind == RejectionKind::payload_invalid);
    CHECK_THAT(commit.error().rule, Catch::StartsWith("spawn submission: "));
    CHECK_THAT(commit.error().message, Catch::StartsWith("a submission child cannot be started: "));
}

TEST_CASE("a child's signal goes to its parent as a system event", "[runtime][planner]") {
    const Catalogue& catalogue = test::shipped_catalogue();
    const Definition& submission = *catalogue.find("submission");
    Instance child;
    child.id = "22222222-2222-7222-8222-222222222222";
    child.workflow = "submission";
    child.definition_version = submission.version;
    child.state = "invited";
    child.version = 1;
    child.parent = "11111111-1111-7111-8111-111111111111";
    child.data = boost::json::object{
        {"unit", "CĐCS Sở Tư pháp"}, {"due_at", "2026-08-18T10:00:00Z"}, {"seminar_title", "Tọa đàm"}};
    const Event submit{"submit",
                       boost::json::object{{"title", "Kinh nghiệm xây dựng CĐCS vững mạnh"},
                                           {"abstract", "Tóm tắt"},
                                           {"document_url", "https://example.org/tham-luan.pdf"}},
                       Actor{"cdcs-so-tu-phap", Role::member}};
    CountingIds ids;
    auto commit = plan_transition(catalogue, submission, child, submit, decided(submission, child, submit), now, ids);
    REQUIRE(commit.ok());
    REQUIRE(commit->signals.size() == 1);
    const PendingSignal& signal = commit->signals.front();
    CHECK(signal.target_instance_id == *child.parent);
    CHECK(signal.event.type == "contribution_submitted");
    CHECK(signal.event.payload == boost::json::object{{"unit", "CĐCS Sở Tư pháp"}});
    CHECK(signal.event.actor.role == Role::system);
    CHECK(signal.event.actor.id == "child:" + child.id);
    CHECK(signal.created_at == now);
    // Leaving `invited` cancels its reminder and deadline in the same commit.
    CHECK(commit->timers_cancelled.size() == 2);
}

TEST_CASE("a creation commit holds the new instance, its first history entry and its entry effects", "[runtime][planner]") {
    const Catalogue& catalogue = test::shipped_catalogue();
    const Definition& seminar = *catalogue.find("seminar");
    Instance draft;
    draft.id = "33333333-3333-7333-8333-333333333333";
    draft.workflow = "seminar";
    draft.definition_version = seminar.version;
    draft.data = boost::json::object{{"title", "Hội thảo “Đổi mới công tác cán bộ”"}};
    const Outcome started = start(seminar, draft, now);
    REQUIRE(std::holds_alternative<Decision>(started));
    CountingIds ids;
    auto commit = plan_creation(catalogue, seminar, draft, Actor{"ban-to-chuc", Role::organiser},
                                std::get<Decision>(started), now, ids);
    REQUIRE(commit.ok());
    CHECK_FALSE(commit->update);
    REQUIRE(commit->created.size() == 1);
    CHECK(commit->created[0].state == "draft");
    CHECK(commit->created[0].version == 1);
    CHECK(commit->created[0].data.at("title") == "Hội thảo “Đổi mới công tác cán bộ”");
    REQUIRE(commit->history.size() == 1);
    CHECK(commit->history[0].seq == 1);
    CHECK(commit->history[0].event == "created");
    CHECK_FALSE(commit->history[0].from);
    CHECK(commit->history[0].to == "draft");
    CHECK(commit->history[0].actor.id == "ban-to-chuc");
}
