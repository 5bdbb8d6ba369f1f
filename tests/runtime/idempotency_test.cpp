// An event or a creation with an Idempotency-Key takes effect once; a replay gets the first
// answer, byte for byte, on both backends.
#include <catch2/catch.hpp>

#include <boost/json/serialize.hpp>
#include <latch>
#include <thread>

#include "engine/runtime/answer.hpp"
#include "tests/runtime/engine_fixture.hpp"
#include "tests/store/backends.hpp"

using seminarflow::test::PostgresqlBackend;
using seminarflow::test::SqliteBackend;

namespace seminarflow {
namespace {

using test::organiser_event;
using test::plan_payload;

const IdempotencyKey plan_key{"plan-2026-08-04-ban-to-chuc", "sha256:plan-request"};

std::string text(const boost::json::value& body) { return boost::json::serialize(body); }

// The body an answer gives, first or replayed.
std::string body_of(const Answered& answered) {
    if (const auto* applied = std::get_if<Applied>(&answered)) return text(answer_body(*applied));
    return text(std::get<Replay>(answered).body);
}

}  // namespace

TEMPLATE_TEST_CASE("an event with an Idempotency-Key takes effect once and replays its answer", "[runtime][idempotency]",
                   SqliteBackend, PostgresqlBackend) {
    test::Engine<TestType> engine;
    const std::string id = engine.seminar("Tọa đàm");
    auto first = engine.runtime.apply(id, organiser_event("plan", plan_payload()), plan_key);
    INFO((first.ok() ? "" : first.error().message));
    REQUIRE(first.ok());
    REQUIRE(std::holds_alternative<Applied>(*first));

    auto again = engine.runtime.apply(id, organiser_event("plan", plan_payload()), plan_key);
    REQUIRE(again.ok());
    REQUIRE(std::holds_alternative<Replay>(*again));
    CHECK(std::get<Replay>(*again).status == 200);
    CHECK(body_of(*again) == body_of(*first));
    CHECK(engine.events_named(id, "plan") == 1);
    CHECK(engine.load(id).version == 2);
}

TEMPLATE_TEST_CASE("an Idempotency-Key sent with another request is refused", "[runtime][idempotency]", SqliteBackend,
                   PostgresqlBackend) {
    test::Engine<TestType> engine;
    const std::string id = engine.seminar("Tọa đàm");
    REQUIRE(engine.runtime.apply(id, organiser_event("plan", plan_payload()), plan_key).ok());
    auto other = engine.runtime.apply(id, organiser_event("rename", {{"title", "Hội thảo"}}),
                                      IdempotencyKey{plan_key.key, "sha256:another-request"});
    REQUIRE_FALSE(other.ok());
    CHECK(other.error().kind == ApplyError::Kind::key_reused);
    CHECK(answer_status(other.error()) == 422);
    CHECK_THAT(other.error().message, Catch::Contains(plan_key.key));
    CHECK(engine.events_named(id, "rename") == 0);
}

TEMPLATE_TEST_CASE("a refused request's refusal is its answer, replayed alike", "[runtime][idempotency]", SqliteBackend,
                   PostgresqlBackend) {
    test::Engine<TestType> engine;
    const std::string id = engine.seminar("Tọa đàm");
    boost::json::object incomplete = plan_payload();
    incomplete.erase("venue");
    auto first = engine.runtime.apply(id, organiser_event("plan", incomplete), plan_key);
    REQUIRE_FALSE(first.ok());
    CHECK(first.error().kind == ApplyError::Kind::rejected);

    auto again = engine.runtime.apply(id, organiser_event("plan", incomplete), plan_key);
    REQUIRE(again.ok());
    REQUIRE(std::holds_alternative<Replay>(*again));
    CHECK(std::get<Replay>(*again).status == 422);
    CHECK(body_of(*again) == text(answer_body(first.error())));
    CHECK(engine.load(id).version == 1);
}

TEMPLATE_TEST_CASE("a creation with an Idempotency-Key creates one instance", "[runtime][idempotency]", SqliteBackend,
                   PostgresqlBackend) {
    test::Engine<TestType> engine;
    const IdempotencyKey key{"create-toa-dam-3", "sha256:create"};
    const Actor organiser{"ban-to-chuc", Role::organiser};
    auto first = engine.runtime.create("seminar", {{"title", "Tọa đàm lần thứ 3"}}, std::nullopt, organiser, key);
    REQUIRE(first.ok());
    REQUIRE(std::holds_alternative<Applied>(*first));
    auto again = engine.runtime.create("seminar", {{"title", "Tọa đàm lần thứ 3"}}, std::nullopt, organiser, key);
    REQUIRE(again.ok());
    REQUIRE(std::holds_alternative<Replay>(*again));
    CHECK(std::get<Replay>(*again).status == 201);
    CHECK(body_of(*again) == body_of(*first));
    CHECK(std::get<Replay>(*again).body.at("instance").at("id").as_string() == std::get<Applied>(*first).instance.id);
}

TEMPLATE_TEST_CASE("the same request sent at once from several clients takes effect once", "[runtime][idempotency][concurrency]",
                   SqliteBackend, PostgresqlBackend) {
    test::Engine<TestType> engine;
    const std::string id = engine.seminar("Tọa đàm");
    constexpr int clients = 6;
    std::vector<std::string> bodies(clients);
    std::vector<std::string> failures(clients);
    std::latch start(clients);
    {
        std::vector<std::jthread> threads;
        for (int c = 0; c < clients; ++c) {
            threads.emplace_back([&, c] {
                start.arrive_and_wait();
                auto answer = engine.runtime.apply(id, organiser_event("plan", plan_payload()), plan_key);
                if (answer) {
                    bodies[static_cast<std::size_t>(c)] = body_of(*answer);
                } else {
                    failures[static_cast<std::size_t>(c)] = answer.error().message;
                }
            });
        }
    }
    for (const auto& failure : failures) CHECK(failure.empty());
    for (const auto& body : bodies) CHECK(body == bodies.front());
    CHECK(engine.events_named(id, "plan") == 1);
}

}  // namespace seminarflow
