#include "adapters/http/answer_response.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <boost/json/serialize.hpp>

#include "adapters/http/problem.hpp"
#include "engine/runtime/answer.hpp"

namespace seminarflow::http {
namespace {

// The titles of the refusals the runtime names (answer.cpp's `error`), one per problem type.
std::string_view title_of(std::string_view error) {
    static constexpr std::pair<std::string_view, std::string_view> titles[] = {
        {"unknown_event", "Unknown event"},
        {"not_allowed_in_state", "Event not allowed in this state"},
        {"instance_finished", "Instance finished"},
        {"role_not_allowed", "Role not allowed"},
        {"payload_invalid", "Payload refused"},
        {"guard_failed", "Guard refused"},
        {"action_failed", "Transition cannot be carried out"},
        {"definition_mismatch", "Instance does not fit its definition"},
        {"not_found", "Not found"},
        {"unknown_workflow", "Workflow not found"},
        {"busy", "Instance busy"},
        {"already_consumed", "Already carried out"},
        {"idempotency_key_reused", "Idempotency-Key reused"},
        {"unavailable", "Service unavailable"},
    };
    for (const auto& [name, title] : titles) {
        if (name == error) return title;
    }
    return "Request refused";
}

// The problem type's slug: "not_allowed_in_state" is .../problems/not-allowed-in-state, except
// unknown_workflow, which GET /v1/workflows/{name} already calls workflow-not-found.
std::string slug_of(std::string_view error) {
    if (error == "unknown_workflow") return "workflow-not-found";
    std::string slug(error);
    std::replace(slug.begin(), slug.end(), '_', '-');
    return slug;
}

// The request member a refusal is about, if it is about one.
std::optional<std::string> field_of(AnswerTo to, std::string_view error, std::string_view rule) {
    if (error == "payload_invalid") return std::string(to == AnswerTo::creation ? "data." : "payload.") + std::string(rule);
    if (to == AnswerTo::creation && error == "unknown_workflow") return "workflow";
    if (to == AnswerTo::creation && error == "not_found") return "parent";
    if (to == AnswerTo::event && (error == "unknown_event" || error == "not_allowed_in_state")) return "type";
    return std::nullopt;
}

std::string text_member(const boost::json::object& body, std::string_view name) {
    const auto* value = body.if_contains(name);
    return value && value->is_string() ? std::string(value->get_string()) : std::string();
}

Response refusal(AnswerTo to, int status, const boost::json::object& body) {
    const std::string error = text_member(body, "error");
    const std::string rule = text_member(body, "rule");
    boost::json::object extra;
    if (body.contains("rule")) extra["rule"] = rule;
    if (auto field = field_of(to, error, rule)) extra["field"] = *field;
    return problem(static_cast<unsigned>(status), slug_of(error), title_of(error), text_member(body, "message"),
                   std::move(extra));
}

}  // namespace

Response answer_response(AnswerTo to, int status, const boost::json::value& body) {
    if (status >= 400) return refusal(to, status, body.is_object() ? body.get_object() : boost::json::object{});
    Response response = json_response(static_cast<unsigned>(status), boost::json::serialize(body));
    if (status == 201) {
        const auto* instance = body.is_object() ? body.get_object().if_contains("instance") : nullptr;
        const auto* id = instance && instance->is_object() ? instance->get_object().if_contains("id") : nullptr;
        if (id && id->is_string()) response.headers.emplace_back("Location", "/v1/instances/" + std::string(id->get_string()));
    }
    return response;
}

Response answer_response(AnswerTo to, const Applied& applied) {
    return answer_response(to, to == AnswerTo::creation ? 201 : 200, answer_body(applied));
}

Response answer_response(AnswerTo to, const Answered& answered) {
    if (const auto* applied = std::get_if<Applied>(&answered)) return answer_response(to, *applied);
    const Replay& replay = std::get<Replay>(answered);
    Response response = answer_response(to, replay.status, replay.body);
    response.headers.emplace_back("Idempotent-Replayed", "true");
    return response;
}

Response refusal_response(AnswerTo to, const ApplyError& error) {
    if (error.kind == ApplyError::Kind::store_failed) {
        spdlog::error("http: the database failed: {}", error.message);
        ApplyError hidden{error.kind, "the database is unavailable; try again shortly", std::nullopt};
        return answer_response(to, answer_status(hidden), answer_body(hidden));
    }
    return answer_response(to, answer_status(error), answer_body(error));
}

Response instance_not_found(std::string_view id) {
    return problem(404, "not-found", "Not found", "there is no instance '" + std::string(id) + "'");
}

Response store_unavailable(const StoreError& error) {
    return refusal_response(AnswerTo::event, ApplyError{ApplyError::Kind::store_failed, error.message, std::nullopt});
}

}  // namespace seminarflow::http
