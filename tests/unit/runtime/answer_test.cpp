#include <catch2/catch.hpp>

#include "engine/runtime/answer.hpp"
#include "support/time_literal.hpp"

using namespace seminarflow;

namespace {

ApplyError refusal(RejectionKind kind) {
    return ApplyError{ApplyError::Kind::rejected, "refused", Rejection{kind, "rule", "refused"}};
}

}  // namespace

TEST_CASE("each refusal answers with the status DESIGN.md gives it", "[runtime][answer]") {
    CHECK(answer_status(refusal(RejectionKind::not_allowed_in_state)) == 409);
    CHECK(answer_status(refusal(RejectionKind::instance_finished)) == 409);
    CHECK(answer_status(refusal(RejectionKind::role_not_allowed)) == 403);
    CHECK(answer_status(refusal(RejectionKind::payload_invalid)) == 422);
    CHECK(answer_status(refusal(RejectionKind::guard_failed)) == 422);
    CHECK(answer_status(refusal(RejectionKind::unknown_event)) == 422);
    CHECK(answer_status(refusal(RejectionKind::action_failed)) == 422);
    CHECK(answer_status(refusal(RejectionKind::definition_mismatch)) == 500);
    CHECK(answer_status(ApplyError{ApplyError::Kind::not_found, "gone", std::nullopt}) == 404);
    CHECK(answer_status(ApplyError{ApplyError::Kind::unknown_workflow, "no", std::nullopt}) == 404);
    CHECK(answer_status(ApplyError{ApplyError::Kind::key_reused, "reused", std::nullopt}) == 422);
    CHECK(answer_status(ApplyError{ApplyError::Kind::busy, "busy", std::nullopt}) == 503);
    CHECK(answer_status(ApplyError{ApplyError::Kind::store_failed, "down", std::nullopt}) == 503);
}

TEST_CASE("only the request's own refusals are answers an Idempotency-Key keeps", "[runtime][answer]") {
    CHECK(is_final(refusal(RejectionKind::guard_failed)));
    CHECK(is_final(ApplyError{ApplyError::Kind::not_found, "gone", std::nullopt}));
    CHECK_FALSE(is_final(ApplyError{ApplyError::Kind::busy, "busy", std::nullopt}));
    CHECK_FALSE(is_final(ApplyError{ApplyError::Kind::store_failed, "down", std::nullopt}));
}

TEST_CASE("an answer shows the instance, its history entry, its effects and its children", "[runtime][answer]") {
    Applied applied;
    applied.instance.id = "019fca64-51c0-7c71-a8fd-41af9fa50e6c";
    applied.instance.workflow = "seminar";
    applied.instance.definition_version = 1;
    applied.instance.state = "planned";
    applied.instance.data = {{"title", "Tọa đàm"}};
    applied.instance.version = 2;
    applied.instance.created_at = test::at("2026-08-04T01:00:00Z");
    applied.instance.updated_at = test::at("2026-08-04T01:30:00Z");
    applied.entry = HistoryEntry{applied.instance.id, 2, "plan", Actor{"ban-to-chuc", Role::organiser}, {{"venue", "Hội trường"}},
                                 std::string("draft"), "planned", 1, test::at("2026-08-04T01:30:00Z")};
    applied.effects = {Notify{"seminar.planned", {"chair"}},
                       ScheduleTimer{"not_ready_warning", test::at("2026-08-22T07:00:00Z"), "not_ready"},
                       CancelTimer{"reminder"}, SpawnChild{"submission", {{"unit", "CĐCS Sở Tư pháp"}}},
                       SignalParent{"contribution_submitted", {{"unit", "CĐCS Sở Tư pháp"}}}};
    const auto body = answer_body(applied);
    const auto& instance = body.at("instance").as_object();
    CHECK(instance.at("state") == "planned");
    CHECK(instance.at("version") == 2);
    CHECK(instance.at("parent").is_null());
    CHECK(instance.at("updated_at") == "2026-08-04T01:30:00Z");
    CHECK(instance.at("data").at("title") == "Tọa đàm");
    const auto& history = body.at("history").as_object();
    CHECK(history.at("seq") == 2);
    CHECK(history.at("from") == "draft");
    CHECK(history.at("actor").at("role") == "organiser");
    const auto& effects = body.at("effects").as_array();
    REQUIRE(effects.size() == 5);
    CHECK(effects[0].at("type") == "notify");
    CHECK(effects[1].at("due") == "2026-08-22T07:00:00Z");
    CHECK(effects[2].at("type") == "cancel_timer");
    CHECK(effects[3].at("workflow") == "submission");
    CHECK(effects[4].at("event") == "contribution_submitted");
    CHECK(body.at("spawned").as_array().empty());
}

TEST_CASE("a refusal's answer names the rule and says why", "[runtime][answer]") {
    const auto body = answer_body(refusal(RejectionKind::guard_failed));
    CHECK(body.at("error") == "guard_failed");
    CHECK(body.at("rule") == "rule");
    CHECK(body.at("message") == "refused");
    CHECK(answer_body(ApplyError{ApplyError::Kind::key_reused, "reused", std::nullopt}).at("error") ==
          "idempotency_key_reused");
}
