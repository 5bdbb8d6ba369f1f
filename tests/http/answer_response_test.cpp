#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <catch2/catch.hpp>

#include "adapters/http/answer_response.hpp"
#include "engine/runtime/answer.hpp"

using namespace seminarflow;
using namespace seminarflow::http;

namespace {

Applied created_seminar() {
    Applied applied;
    applied.instance.id = "0190a1b2-c3d4-7e5f-8a6b-7c8d9e0f1a2b";
    applied.instance.workflow = "seminar";
    applied.instance.definition_version = 1;
    applied.instance.state = "draft";
    applied.instance.data = {{"title", "Hội thảo khoa học: Công đoàn với chuyển đổi số"}};
    applied.instance.version = 1;
    applied.entry = {applied.instance.id, 1, "created", {"anonymous", Role::admin}, {}, std::nullopt, "draft", 1, {}};
    return applied;
}

ApplyError rejected(RejectionKind kind, std::string rule) {
    return ApplyError{ApplyError::Kind::rejected, "refused because", Rejection{kind, std::move(rule), "refused because"}};
}

std::string header(const Response& response, std::string_view name) {
    for (const auto& [key, value] : response.headers) {
        if (key == name) return value;
    }
    return {};
}

boost::json::object body_of(const Response& response) { return boost::json::parse(response.body).as_object(); }

}  // namespace

TEST_CASE("a creation answers 201 with the runtime's body and where the instance is", "[http][answer]") {
    const Applied applied = created_seminar();
    const Response response = answer_response(AnswerTo::creation, applied);
    CHECK(response.status == 201);
    CHECK(response.content_type == "application/json");
    CHECK(response.body == boost::json::serialize(answer_body(applied)));
    CHECK(header(response, "Location") == "/v1/instances/0190a1b2-c3d4-7e5f-8a6b-7c8d9e0f1a2b");
    CHECK(header(response, "Idempotent-Replayed").empty());

    const Response event = answer_response(AnswerTo::event, applied);
    CHECK(event.status == 200);
    CHECK(header(event, "Location").empty());
}

TEST_CASE("a replayed answer is the first one byte for byte, marked as replayed", "[http][answer]") {
    const Applied applied = created_seminar();
    const Response first = answer_response(AnswerTo::creation, Answered{applied});
    // As the store gives it back: parsed from the text it kept.
    const Replay replay{201, boost::json::parse(boost::json::serialize(answer_body(applied)))};
    const Response again = answer_response(AnswerTo::creation, Answered{replay});
    CHECK(again.status == first.status);
    CHECK(again.body == first.body);
    CHECK(header(again, "Location") == header(first, "Location"));
    CHECK(header(again, "Idempotent-Replayed") == "true");

    const ApplyError refusal = rejected(RejectionKind::guard_failed, "payload.starts_at > now");
    const Response refused = refusal_response(AnswerTo::event, refusal);
    const Replay refused_replay{answer_status(refusal), boost::json::parse(boost::json::serialize(answer_body(refusal)))};
    const Response refused_again = answer_response(AnswerTo::event, Answered{refused_replay});
    CHECK(refused_again.status == 422);
    CHECK(refused_again.body == refused.body);
}

TEST_CASE("each refusal of the interpreter gets its status and says which rule or field", "[http][answer]") {
    struct Case {
        RejectionKind kind;
        AnswerTo to;
        unsigned status;
        std::string type;
        std::string field;  // "" for none
    };
    const std::vector<Case> cases = {
        {RejectionKind::not_allowed_in_state, AnswerTo::event, 409, "not-allowed-in-state", "type"},
        {RejectionKind::instance_finished, AnswerTo::event, 409, "instance-finished", ""},
        {RejectionKind::role_not_allowed, AnswerTo::event, 403, "role-not-allowed", ""},
        {RejectionKind::unknown_event, AnswerTo::event, 422, "unknown-event", "type"},
        {RejectionKind::payload_invalid, AnswerTo::event, 422, "payload-invalid", "payload.the_rule"},
        {RejectionKind::payload_invalid, AnswerTo::creation, 422, "payload-invalid", "data.the_rule"},
        {RejectionKind::guard_failed, AnswerTo::event, 422, "guard-failed", ""},
        {RejectionKind::action_failed, AnswerTo::event, 422, "action-failed", ""},
    };
    for (const auto& item : cases) {
        INFO(item.type);
        const Response response = refusal_response(item.to, rejected(item.kind, "the_rule"));
        CHECK(response.status == item.status);
        CHECK(response.content_type == "application/problem+json");
        const auto body = body_of(response);
        CHECK(body.at("type").as_string() == "https://seminarflow.dev/problems/" + item.type);
        CHECK(body.at("status") == item.status);
        CHECK(body.at("rule") == "the_rule");
        CHECK(body.at("detail") == "refused because");
        CHECK_FALSE(body.at("title").as_string().empty());
        if (item.field.empty()) {
            CHECK_FALSE(body.contains("field"));
        } else {
            CHECK(body.at("field").as_string() == item.field);
        }
    }
}

TEST_CASE("refusals without a rule name the request member they are about", "[http][answer]") {
    const auto missing = [](ApplyError::Kind kind, AnswerTo to) {
        return refusal_response(to, ApplyError{kind, "there is no such thing", std::nullopt});
    };
    const Response parent = missing(ApplyError::Kind::not_found, AnswerTo::creation);
    CHECK(parent.status == 404);
    CHECK(body_of(parent).at("field") == "parent");
    const Response workflow = missing(ApplyError::Kind::unknown_workflow, AnswerTo::creation);
    CHECK(workflow.status == 404);
    CHECK(body_of(workflow).at("type") == "https://seminarflow.dev/problems/workflow-not-found");
    CHECK(body_of(workflow).at("field") == "workflow");
    const Response instance = missing(ApplyError::Kind::not_found, AnswerTo::event);
    CHECK(instance.status == 404);
    CHECK(body_of(instance).at("type") == "https://seminarflow.dev/problems/not-found");
    CHECK_FALSE(body_of(instance).contains("field"));
    const Response reused = missing(ApplyError::Kind::key_reused, AnswerTo::event);
    CHECK(reused.status == 422);
    CHECK(body_of(reused).at("type") == "https://seminarflow.dev/problems/idempotency-key-reused");
}

TEST_CASE("a busy instance or a failing database is a 503 to retry, without the database's words", "[http][answer]") {
    const Response busy = refusal_response(AnswerTo::event, ApplyError{ApplyError::Kind::busy, "kept changing", std::nullopt});
    CHECK(busy.status == 503);
    CHECK(header(busy, "Retry-After") == "1");
    const Response failed = refusal_response(
        AnswerTo::event,
        ApplyError{ApplyError::Kind::store_failed, "load_instance on postgresql://sf:***@db/sf: gone", std::nullopt});
    CHECK(failed.status == 503);
    CHECK(header(failed, "Retry-After") == "1");
    CHECK(failed.body.find("postgresql") == std::string::npos);
    CHECK(body_of(failed).at("type") == "https://seminarflow.dev/problems/unavailable");
}
