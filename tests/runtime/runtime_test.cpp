// Events become durable transitions: the runtime over the real store, on both backends, with the
// shipped workflows.
#include <catch2/catch.hpp>

#include <atomic>
#include <latch>
#include <thread>

#include "tests/runtime/engine_fixture.hpp"
#include "tests/store/backends.hpp"

using seminarflow::test::PostgresqlBackend;
using seminarflow::test::SqliteBackend;

namespace seminarflow {

using test::Engine;
using test::organiser_event;
using test::plan_payload;

TEMPLATE_TEST_CASE("a created instance is stored with its first history entry", "[runtime]", SqliteBackend,
                   PostgresqlBackend) {
    Engine<TestType> engine;
    const std::string id = engine.seminar("Tọa đàm “Nâng cao chất lượng hoạt động công đoàn cơ sở”");
    const Instance stored = engine.load(id);
    CHECK(stored.workflow == "seminar");
    CHECK(stored.state == "draft");
    CHECK(stored.version == 1);
    CHECK(stored.data.at("title") == "Tọa đàm “Nâng cao chất lượng hoạt động công đoàn cơ sở”");
    const auto history = engine.history(id);
    REQUIRE(history.size() == 1);
    CHECK(history[0].seq == 1);
    CHECK(history[0].event == "created");
    CHECK(history[0].to == "draft");
}

TEMPLATE_TEST_CASE("an event commits the new state, the history entry and the children together", "[runtime]",
                   SqliteBackend, PostgresqlBackend) {
    Engine<TestType> engine;
    const std::string id = engine.seminar("Tọa đàm khối doanh nghiệp lần thứ 3");
    auto planned = engine.runtime.apply(id, organiser_event("plan", plan_payload()));
    INFO((planned.ok() ? "" : planned.error().message));
    REQUIRE(planned.ok());
    CHECK(planned->instance.state == "planned");
    CHECK(planned->instance.version == 2);

    auto invited = engine.runtime.apply(
        id, organiser_event("invite", {{"units", boost::json::array{"CĐCS Sở Tư pháp", "CĐCS Cục Thuế tỉnh"}},
                                       {"contributions_due", "2026-08-18T10:00:00Z"}}));
    INFO((invited.ok() ? "" : invited.error().message));
    REQUIRE(invited.ok());

    const Instance stored = engine.load(id);
    CHECK(stored.state == "inviting");
    CHECK(stored.version == 3);
    CHECK(stored.data.at("venue") == "Hội trường Liên đoàn Lao động tỉnh");
    // The two submissions exist, as children of the seminar, in their initial state.
    std::int64_t submissions = 0;
    for (const auto& child : stored.children) {
        if (child.workflow == "submission") submissions += child.count;
    }
    CHECK(submissions == 2);
    const auto history = engine.history(id);
    REQUIRE(history.size() == 3);
    CHECK(history[1].event == "plan");
    CHECK(history[2].event == "invite");
    CHECK(history[2].seq == 3);
    CHECK(history[2].from == std::optional<std::string>("planned"));
    CHECK(history[2].to == "inviting");
}

TEMPLATE_TEST_CASE("a refused event writes nothing", "[runtime]", SqliteBackend, PostgresqlBackend) {
    Engine<TestType> engine;
    const std::string id = engine.seminar("Hội thảo “Đổi mới công tác cán bộ”");
    boost::json::object incomplete = plan_payload();
    incomplete.erase("venue");
    auto refused = engine.runtime.apply(id, organiser_event("plan", incomplete));
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().kind == ApplyError::Kind::rejected);
    REQUIRE(refused.error().rejection);
    CHECK(refused.error().rejection->kind == RejectionKind::payload_invalid);
    CHECK(refused.error().rejection->rule == "venue");

    // A child the submission workflow refuses (a unit given as an object) refuses the invite.
    REQUIRE(engine.runtime.apply(id, organiser_event("plan", plan_payload())).ok());
    auto bad_child = engine.runtime.apply(
        id, organiser_event("invite", {{"units", boost::json::array{boost::json::object{{"id", "CĐCS Sở Tư pháp"}}}},
                                       {"contributions_due", "2026-08-18T10:00:00Z"}}));
    REQUIRE_FALSE(bad_child.ok());
    CHECK(bad_child.error().kind == ApplyError::Kind::rejected);

    const Instance stored = engine.load(id);
    CHECK(stored.state == "planned");
    CHECK(stored.version == 2);
    CHECK(stored.children.empty());
    CHECK(engine.history(id).size() == 2);
}

TEMPLATE_TEST_CASE("a commit that leaves work wakes the loop whose work it is, and only then", "[runtime][wake]",
                   SqliteBackend, PostgresqlBackend) {
    Engine<TestType> engine;
    std::atomic<int> scheduling{0};
    std::atomic<int> delivering{0};
    engine.runtime.wake_on_work([&](WorkMade work) {
        CHECK(work.any());
        if (work.scheduling) ++scheduling;
        if (work.delivering) ++delivering;
    });
    const std::string id = engine.seminar("Tọa đàm “Công đoàn với chuyển đổi số”");
    CHECK(scheduling == 0);  // a draft has no timer and tells nobody
    CHECK(delivering == 0);
    engine.apply(id, organiser_event("rename", {{"title", "Tọa đàm lần thứ 3"}}));
    CHECK(scheduling == 0);
    CHECK(delivering == 0);
    boost::json::object incomplete = plan_payload();
    incomplete.erase("venue");
    REQUIRE_FALSE(engine.runtime.apply(id, organiser_event("plan", incomplete)).ok());
    CHECK(scheduling == 0);  // refused: nothing committed
    engine.apply(id, organiser_event("plan", plan_payload()));  // a reminder and a notification
    CHECK(scheduling == 1);
    CHECK(delivering == 1);
    engine.apply(id, organiser_event("amend", {{"venue", "Hội trường tầng 3"}}));  // a notification alone
    CHECK(scheduling == 1);
    CHECK(delivering == 2);
}

TEMPLATE_TEST_CASE("unknown instances and workflows are told apart from refusals", "[runtime]", SqliteBackend,
                   PostgresqlBackend) {
    Engine<TestType> engine;
    auto missing = engine.runtime.apply("00000000-0000-7000-8000-000000000000", organiser_event("plan", plan_payload()));
    REQUIRE_FALSE(missing.ok());
    CHECK(missing.error().kind == ApplyError::Kind::not_found);
    auto banquet = engine.runtime.create("banquet", {}, std::nullopt, Actor{"ban-to-chuc", Role::organiser});
    REQUIRE_FALSE(banquet.ok());
    CHECK(banquet.error().kind == ApplyError::Kind::unknown_workflow);
}

TEMPLATE_TEST_CASE("concurrent events on one instance never lose a transition", "[runtime][concurrency]",
                   SqliteBackend, PostgresqlBackend) {
    Engine<TestType> engine;
    const std::string id = engine.seminar("Hội nghị tập huấn");
    constexpr int threads = 6, per_thread = 15;
    std::atomic<int> applied{0}, busy{0};
    std::latch start(threads);
    {
        std::vector<std::jthread> running;
        for (int t = 0; t < threads; ++t) {
            running.emplace_back([&, t] {
                start.arrive_and_wait();
                for (int i = 0; i < per_thread; ++i) {
                    const std::string title = "Hội nghị " + std::to_string(t) + "-" + std::to_string(i);
                    auto result = engine.runtime.apply(id, organiser_event("rename", {{"title", title}}));
                    if (result.ok()) {
                        ++applied;
                    } else if (result.error().kind == ApplyError::Kind::busy) {
                        ++busy;  // told to try again: not acknowledged, so not owed to the history
                    }
                }
            });
        }
    }
    // Conflicts are decided again rather than dropped: every event is either acknowledged or
    // answered `busy`, and every acknowledged one is in the history exactly once, numbered
    // without a gap. A lost update would leave the history shorter than the acknowledgements.
    INFO("busy answers: " << busy.load());
    CHECK(applied + busy == threads * per_thread);
    CHECK(applied > threads * per_thread / 2);
    const Instance stored = engine.load(id);
    CHECK(stored.version == 1 + applied);
    const auto history = engine.history(id);
    REQUIRE(history.size() == static_cast<std::size_t>(1 + applied));
    for (std::size_t i = 0; i < history.size(); ++i) CHECK(history[i].seq == static_cast<std::int64_t>(i + 1));
    CHECK(stored.data.at("title") == history.back().payload.at("title"));
}

}  // namespace seminarflow
