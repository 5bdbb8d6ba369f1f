#include <boost/json/parse.hpp>
#include <catch2/catch.hpp>

#include "adapters/http/cursor.hpp"
#include "adapters/http/request_parsing.hpp"

using namespace seminarflow;
using namespace seminarflow::http;

namespace {

// The refusal's status, and its `field` ("" if it names none).
template <class T>
std::pair<unsigned, std::string> refusal(const Parsed<T>& parsed) {
    REQUIRE_FALSE(parsed.ok());
    const Response& response = parsed.error();
    CHECK(response.content_type == "application/problem+json");
    const auto body = boost::json::parse(response.body).as_object();
    const auto* field = body.if_contains("field");
    return {response.status, field ? std::string(field->as_string()) : std::string()};
}

std::string problem_type(const Response& response) {
    return std::string(boost::json::parse(response.body).at("type").as_string());
}

Request with_query(std::vector<std::pair<std::string, std::string>> query) {
    Request request;
    request.query = std::move(query);
    return request;
}

using Refusal = std::pair<unsigned, std::string>;

}  // namespace

TEST_CASE("a creation request is read with its defaults", "[http][parsing]") {
    const auto full = parse_create_request(
        R"({"workflow": "seminar", "data": {"title": "Hội thảo khoa học"}, "parent": "0190a1b2-c3d4-7e5f-8a6b-7c8d9e0f1a2b"})");
    REQUIRE(full.ok());
    CHECK(full->workflow == "seminar");
    CHECK(full->data.at("title") == "Hội thảo khoa học");
    CHECK(full->parent == "0190a1b2-c3d4-7e5f-8a6b-7c8d9e0f1a2b");

    const auto bare = parse_create_request(R"({"workflow": "seminar", "parent": null})");
    REQUIRE(bare.ok());
    CHECK(bare->data.empty());
    CHECK_FALSE(bare->parent.has_value());
}

TEST_CASE("a creation request of the wrong shape is refused, naming the member", "[http][parsing]") {
    CHECK(refusal(parse_create_request(R"({"data": {}})")) == Refusal{422, "workflow"});
    CHECK(refusal(parse_create_request(R"({"workflow": 7})")) == Refusal{422, "workflow"});
    CHECK(refusal(parse_create_request(R"({"workflow": ""})")) == Refusal{422, "workflow"});
    CHECK(refusal(parse_create_request(R"({"workflow": "seminar", "data": [1]})")) == Refusal{422, "data"});
    CHECK(refusal(parse_create_request(R"({"workflow": "seminar", "parent": 12})")) == Refusal{422, "parent"});
    CHECK(refusal(parse_create_request(R"({"workflow": "seminar", "title": "x"})")) == Refusal{422, "title"});
    CHECK(refusal(parse_create_request(R"(["seminar"])")) == Refusal{422, ""});
    CHECK(refusal(parse_create_request(R"({"workflow": "seminar", "data": {"seats": 1e999}})")) ==
          Refusal{422, "data.seats"});
}

TEST_CASE("a body that is not JSON gets 400 malformed-json", "[http][parsing]") {
    for (const std::string& body : std::vector<std::string>{"", "  \n", "{", "{\"workflow\": \"seminar\",}", "{\"a\": 1} trailing",
                                   "{\"workflow\": \"h\xe1\"}",  // not UTF-8
                                   std::string(100, '[') + std::string(100, ']')}) {
        INFO(body);
        const auto parsed = parse_create_request(body);
        CHECK(refusal(parsed) == Refusal{400, ""});
        CHECK(problem_type(parsed.error()) == "https://seminarflow.dev/problems/malformed-json");
    }
}

TEST_CASE("an event request is read, its payload defaulting to empty", "[http][parsing]") {
    const auto event = parse_event_request(R"({"type": "plan", "payload": {"venue": "Hội trường"}})");
    REQUIRE(event.ok());
    CHECK(event->type == "plan");
    CHECK(event->payload.at("venue") == "Hội trường");
    const auto bare = parse_event_request(R"({"type": "publish_programme"})");
    REQUIRE(bare.ok());
    CHECK(bare->payload.empty());

    CHECK(refusal(parse_event_request(R"({"payload": {}})")) == Refusal{422, "type"});
    CHECK(refusal(parse_event_request(R"({"type": ["plan"]})")) == Refusal{422, "type"});
    CHECK(refusal(parse_event_request(R"({"type": "plan", "payload": "x"})")) == Refusal{422, "payload"});
    CHECK(refusal(parse_event_request(R"({"type": "plan", "actor": "admin"})")) == Refusal{422, "actor"});
    CHECK(refusal(parse_event_request("plan")) == Refusal{400, ""});
}

TEST_CASE("an Idempotency-Key is optional, and bounded when given", "[http][parsing]") {
    Request request;
    CHECK(parse_idempotency_key(request).value() == std::nullopt);
    request.headers = {{"idempotency-key", "2f1c7e4a-plan"}};
    CHECK(parse_idempotency_key(request).value() == "2f1c7e4a-plan");
    for (const std::string& bad : {std::string(), std::string(256, 'k'), std::string("two words"), std::string("khóa")}) {
        request.headers = {{"idempotency-key", bad}};
        CHECK(refusal(parse_idempotency_key(request)) == Refusal{400, "Idempotency-Key"});
    }
}

TEST_CASE("a listing query reads its filters, cursor and limit", "[http][parsing]") {
    const auto plain = parse_listing_query(Request{});
    REQUIRE(plain.ok());
    CHECK(plain->limit == default_page_limit);
    CHECK_FALSE(plain->after.has_value());
    CHECK_FALSE(plain->filter.workflow.has_value());

    const InstancePosition position{*parse_rfc3339("2026-08-04T01:30:00Z"), "0190a1b2-c3d4-7e5f-8a6b-7c8d9e0f1a2b"};
    const auto full = parse_listing_query(with_query({{"workflow", "seminar"},
                                                      {"state", "planned"},
                                                      {"parent", "p"},
                                                      {"cursor", encode_instance_cursor(position)},
                                                      {"limit", "500"}}));
    REQUIRE(full.ok());
    CHECK(full->filter.workflow == "seminar");
    CHECK(full->filter.state == "planned");
    CHECK(full->filter.parent == "p");
    CHECK(full->after == position);
    CHECK(full->limit == 500);
    // An empty value is no filter, as an HTML form sends it.
    CHECK_FALSE(parse_listing_query(with_query({{"state", ""}}))->filter.state.has_value());
}

TEST_CASE("a bad listing query is refused, naming the parameter", "[http][parsing]") {
    for (const std::string limit : {"0", "501", "-1", "ten", "1.5", "99999999999999999999"}) {
        CHECK(refusal(parse_listing_query(with_query({{"limit", limit}}))) == Refusal{400, "limit"});
    }
    CHECK(refusal(parse_listing_query(with_query({{"sate", "planned"}}))) == Refusal{400, "sate"});
    CHECK(refusal(parse_listing_query(with_query({{"state", "a"}, {"state", "b"}}))) == Refusal{400, "state"});
    const auto tampered = parse_listing_query(with_query({{"cursor", "bm90LWEtY3Vyc29y"}}));
    CHECK(refusal(tampered) == Refusal{400, "cursor"});
    CHECK(problem_type(tampered.error()) == "https://seminarflow.dev/problems/invalid-cursor");
}

TEST_CASE("a history query starts after a seq or a cursor", "[http][parsing]") {
    CHECK(parse_history_query(Request{})->after == 0);
    CHECK(parse_history_query(with_query({{"after", "3"}, {"limit", "2"}}))->after == 3);
    CHECK(parse_history_query(with_query({{"after", "3"}, {"limit", "2"}}))->limit == 2);
    CHECK(parse_history_query(with_query({{"cursor", encode_history_cursor(7)}}))->after == 7);

    CHECK(refusal(parse_history_query(with_query({{"after", "-1"}}))) == Refusal{400, "after"});
    CHECK(refusal(parse_history_query(with_query({{"after", "x"}}))) == Refusal{400, "after"});
    CHECK(refusal(parse_history_query(with_query({{"after", "1"}, {"cursor", encode_history_cursor(1)}}))) ==
          Refusal{400, "cursor"});
    CHECK(refusal(parse_history_query(with_query({{"cursor", "%%%"}}))) == Refusal{400, "cursor"});
    CHECK(refusal(parse_history_query(with_query({{"state", "x"}}))) == Refusal{400, "state"});
}

TEST_CASE("a participant request names its key and only what it sets", "[http][parsing][participants]") {
    const auto full = parse_participant_request(
        R"({"kind": "person", "ref": "nguyễn-văn-kiên", "role": "chair", "display_name": "Đồng chí Nguyễn Văn Kiên",
            "contact": {"email": "kien@congdoan.vn"}, "language": "zh-Hant-TW", "rsvp": "tentative"})");
    REQUIRE(full.ok());
    CHECK(full->key == ParticipantKey{ParticipantKind::person, "nguyễn-văn-kiên", "chair"});
    CHECK(full->display_name == "Đồng chí Nguyễn Văn Kiên");
    CHECK(full->contact == boost::json::object{{"email", "kien@congdoan.vn"}});
    CHECK(full->language == "zh-Hant-TW");
    CHECK(full->rsvp == Rsvp::tentative);

    const auto bare = parse_participant_request(R"({"kind": "unit", "ref": "Công đoàn Sở Tư pháp", "role": "guest_2"})");
    REQUIRE(bare.ok());
    CHECK_FALSE(bare->display_name.has_value());
    CHECK_FALSE(bare->contact.has_value());
    CHECK_FALSE(bare->language.has_value());
    CHECK_FALSE(bare->rsvp.has_value());
}

TEST_CASE("a participant's role and language are refused when they cannot be one", "[http][parsing][participants]") {
    const auto with = [](std::string_view member) {
        return parse_participant_request(R"({"kind": "unit", "ref": "a", )" + std::string(member) + "}");
    };
    for (const std::string_view role : {R"("role": "Chair")", R"("role": "1st")", R"("role": "khách mời")",
                                        R"("role": "a-b")", R"("role": "")"}) {
        INFO(role);
        CHECK(refusal(with(role)) == Refusal{422, "role"});
    }
    CHECK(refusal(with(R"("role": ")" + std::string(65, 'a') + "\"")) == Refusal{422, "role"});
    CHECK(with(R"("role": ")" + std::string(64, 'a') + "\"").ok());
    for (const std::string_view language : {"e", "engl", "EN", "en-", "en--GB", "en-toolongsub", "vi_VN", "tiếng"}) {
        INFO(language);
        CHECK(refusal(with(R"("role": "guest", "language": ")" + std::string(language) + "\"")) ==
              Refusal{422, "language"});
    }
    CHECK(refusal(with(R"("role": "guest", "contact": {"": "x"})")) == Refusal{422, "contact."});
    CHECK(refusal(parse_participant_request(R"({"kind": "unit", "ref": ")" + std::string(501, 'x') +
                                            R"(", "role": "guest"})")) == Refusal{422, "ref"});
}

TEST_CASE("a participants query and the listing's participant filter are read or refused", "[http][parsing][participants]") {
    const auto query = parse_participants_query(with_query({{"role", "guest"}, {"rsvp", "declined"}, {"limit", "3"}}));
    REQUIRE(query.ok());
    CHECK(query->filter.role == "guest");
    CHECK(query->filter.rsvp == Rsvp::declined);
    CHECK(query->limit == 3);
    CHECK(refusal(parse_participants_query(with_query({{"rsvp", "yes"}}))) == Refusal{400, "rsvp"});
    CHECK(refusal(parse_participants_query(with_query({{"participant", "unit:a"}}))) == Refusal{400, "participant"});

    const auto listing = parse_listing_query(with_query({{"participant", "unit:Công đoàn: khối 3"}}));
    REQUIRE(listing.ok());
    CHECK(listing->filter.participant == ParticipantRef{ParticipantKind::unit, "Công đoàn: khối 3"});
    CHECK(refusal(parse_listing_query(with_query({{"participant", "team:a"}}))) == Refusal{400, "participant"});
}
