// How each chat platform's answers read as outcomes: which retry (and after how long), which end
// the delivery, which disable the endpoint. Pure: the answers are written here as the platforms
// document them.
#include <catch2/catch.hpp>

#include "adapters/channels/chat/chat_answer.hpp"
#include "adapters/channels/chat/chat_platforms.hpp"

namespace seminarflow::channels {
namespace {

using Catch::Matchers::Contains;
using Kind = ChannelOutcome::Kind;

const Time now = *parse_rfc3339("2026-11-30T08:00:00Z");

HttpAnswer answer(int status, std::string body, std::vector<std::pair<std::string, std::string>> headers = {}) {
    return HttpAnswer{status, std::move(headers), std::move(body)};
}

ChannelOutcome read(std::string_view platform, const HttpAnswer& given) {
    return find_chat_platform(platform)->read_answer(given, now);
}

}  // namespace

TEST_CASE("what a platform said is read from its JSON, else from its first line", "[channels][chat][answer]") {
    CHECK(answer_summary(R"({"message": "Unknown Webhook", "code": 10015})") == "Unknown Webhook");
    CHECK(answer_summary(R"({"ok": false, "description": "Bad Request: chat not found"})") == "Bad Request: chat not found");
    CHECK(answer_summary(R"({"error": {"code": 404, "message": "Requested entity was not found."}})") ==
          "Requested entity was not found.");
    CHECK(answer_summary("no_service\nmore") == "no_service");
    CHECK(answer_summary("").empty());
    CHECK(answer_summary(std::string(500, 'x')).size() == 200);
    CHECK(seconds_value(nullptr) == std::nullopt);
    const boost::json::value fraction = 0.2501;
    CHECK(seconds_value(&fraction) == std::chrono::milliseconds(251));
    const boost::json::value negative = -1;
    CHECK(seconds_value(&negative) == std::nullopt);
    const boost::json::value text = "5";
    CHECK(seconds_value(&text) == std::nullopt);
}

TEST_CASE("Slack: ok, Retry-After on 429, the webhook gone disables, other refusals are final",
          "[channels][chat][answer][slack]") {
    CHECK(read("slack", answer(200, "ok")).kind == Kind::success);
    const auto limited = read("slack", answer(429, "rate_limited", {{"retry-after", "30"}}));
    CHECK(limited.kind == Kind::retry_after);
    CHECK(limited.retry_after == std::chrono::seconds(30));
    const auto gone = read("slack", answer(404, "no_service"));
    CHECK(gone.kind == Kind::disable_endpoint);
    CHECK_THAT(gone.error, Contains("Slack answered 404: no_service"));
    CHECK(read("slack", answer(410, "channel_is_archived")).kind == Kind::disable_endpoint);
    const auto refused = read("slack", answer(400, "invalid_payload"));
    CHECK(refused.kind == Kind::final_failure);
    CHECK(refused.response_excerpt == "invalid_payload");
    CHECK(read("slack", answer(403, "action_prohibited")).kind == Kind::final_failure);
    CHECK(read("slack", answer(500, "rollup_error")).kind == Kind::retryable_failure);
    CHECK_THAT(read("slack", answer(302, "")).error, Contains("not followed"));
}

TEST_CASE("Teams: 202 taken, 429 after Retry-After, 4xx final, 5xx retried", "[channels][chat][answer][teams]") {
    CHECK(read("teams", answer(202, "")).kind == Kind::success);
    const auto limited = read("teams", answer(429, R"({"error": {"code": "TooManyRequests"}})", {{"retry-after", "4"}}));
    CHECK(limited.kind == Kind::retry_after);
    CHECK(limited.retry_after == std::chrono::seconds(4));
    const auto missing = read("teams", answer(404, R"({"error": {"code": "WorkflowNotFound", "message": "gone"}})"));
    CHECK(missing.kind == Kind::final_failure);
    CHECK_THAT(missing.error, Contains("Microsoft Teams answered 404: gone"));
    CHECK(read("teams", answer(502, "")).kind == Kind::retryable_failure);
}

TEST_CASE("Discord: the JSON retry_after on 429 (a fraction of seconds), 404 final", "[channels][chat][answer][discord]") {
    CHECK(read("discord", answer(204, "")).kind == Kind::success);
    const auto limited = read("discord", answer(429, R"({"message": "You are being rate limited.", "retry_after": 1.5, "global": false})",
                                                {{"retry-after", "2"}}));
    CHECK(limited.kind == Kind::retry_after);
    CHECK(limited.retry_after == std::chrono::milliseconds(1500));  // the body's, finer than the header's
    const auto header_only = read("discord", answer(429, "", {{"retry-after", "3"}}));
    CHECK(header_only.retry_after == std::chrono::seconds(3));
    CHECK(read("discord", answer(429, "")).kind == Kind::retryable_failure);
    const auto unknown = read("discord", answer(404, R"({"message": "Unknown Webhook", "code": 10015})"));
    CHECK(unknown.kind == Kind::final_failure);
    CHECK_THAT(unknown.error, Contains("Discord answered 404: Unknown Webhook"));
    CHECK(read("discord", answer(400, R"({"code": 50035, "message": "Invalid Form Body"})")).kind == Kind::final_failure);
    CHECK(read("discord", answer(503, "")).kind == Kind::retryable_failure);
}

TEST_CASE("Telegram: ok true, parameters.retry_after on 429, ok false read by its error code",
          "[channels][chat][answer][telegram]") {
    CHECK(read("telegram", answer(200, R"({"ok": true, "result": {"message_id": 7}})")).kind == Kind::success);
    const auto limited = read("telegram", answer(429, R"({"ok": false, "error_code": 429, "description": "Too Many Requests: retry after 5", "parameters": {"retry_after": 5}})"));
    CHECK(limited.kind == Kind::retry_after);
    CHECK(limited.retry_after == std::chrono::seconds(5));
    CHECK(read("telegram", answer(429, R"({"ok": false, "error_code": 429, "description": "Too Many Requests"})")).kind ==
          Kind::retryable_failure);
    const auto not_found = read("telegram", answer(400, R"({"ok": false, "error_code": 400, "description": "Bad Request: chat not found"})"));
    CHECK(not_found.kind == Kind::final_failure);
    CHECK_THAT(not_found.error, Contains("Telegram answered 400: Bad Request: chat not found"));
    const auto moved = read("telegram", answer(400, R"({"ok": false, "error_code": 400, "description": "Bad Request: group chat was upgraded to a supergroup chat", "parameters": {"migrate_to_chat_id": -1001234567890}})"));
    CHECK(moved.kind == Kind::final_failure);
    CHECK_THAT(moved.error, Contains("its chat id is -1001234567890"));
    CHECK(read("telegram", answer(403, R"({"ok": false, "error_code": 403, "description": "Forbidden: bot was blocked by the user"})")).kind ==
          Kind::disable_endpoint);
    CHECK(read("telegram", answer(401, R"({"ok": false, "error_code": 401, "description": "Unauthorized"})")).kind ==
          Kind::disable_endpoint);
    CHECK(read("telegram", answer(502, R"({"ok": false, "error_code": 502, "description": "Bad Gateway"})")).kind ==
          Kind::retryable_failure);
    // ok:false under a 200 is still a refusal; a 200 that is not the Bot API's JSON is not a success.
    CHECK(read("telegram", answer(200, R"({"ok": false, "error_code": 400, "description": "odd"})")).kind == Kind::final_failure);
    const auto stranger = read("telegram", answer(200, "<html>hello</html>"));
    CHECK(stranger.kind == Kind::final_failure);
    CHECK_THAT(stranger.error, Contains("without the Bot API's"));
    CHECK(read("telegram", answer(504, "<html>Gateway Timeout</html>")).kind == Kind::retryable_failure);
}

TEST_CASE("Mattermost: ok, 429 after X-Ratelimit-Reset, refusals final", "[channels][chat][answer][mattermost]") {
    CHECK(read("mattermost", answer(200, "ok")).kind == Kind::success);
    const auto limited = read("mattermost", answer(429, "limit exceeded", {{"x-ratelimit-reset", "3"}}));
    CHECK(limited.kind == Kind::retry_after);
    CHECK(limited.retry_after == std::chrono::seconds(3));
    CHECK(read("mattermost", answer(429, "limit exceeded", {{"x-ratelimit-reset", "soon"}})).kind == Kind::retryable_failure);
    const auto invalid = read("mattermost", answer(400, R"({"id": "web.incoming_webhook.invalid.app_error", "message": "Invalid webhook."})"));
    CHECK(invalid.kind == Kind::final_failure);
    CHECK_THAT(invalid.error, Contains("Mattermost answered 400: Invalid webhook."));
}

TEST_CASE("Google Chat: 200 taken, 429 retried, Google's errors final", "[channels][chat][answer][google]") {
    CHECK(read("google_chat", answer(200, R"({"name": "spaces/A/messages/B"})")).kind == Kind::success);
    CHECK(read("google_chat", answer(429, R"({"error": {"code": 429, "status": "RESOURCE_EXHAUSTED"}})")).kind ==
          Kind::retryable_failure);
    const auto missing = read("google_chat", answer(404, R"({"error": {"code": 404, "message": "Requested entity was not found.", "status": "NOT_FOUND"}})"));
    CHECK(missing.kind == Kind::final_failure);
    CHECK_THAT(missing.error, Contains("Google Chat answered 404: Requested entity was not found."));
}

}  // namespace seminarflow::channels
