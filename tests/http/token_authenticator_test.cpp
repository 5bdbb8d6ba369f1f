// The bearer-token resolver over a real store, SQLite and PostgreSQL: which Authorization
// headers it takes, what it answers the others, how long it believes a token it checked, and how
// often it records a use.
#include <boost/json/parse.hpp>
#include <catch2/catch.hpp>

#include "adapters/http/bearer_token.hpp"
#include "adapters/http/token_authenticator.hpp"
#include "adapters/store/soci_store.hpp"
#include "engine/runtime/uuid_source.hpp"
#include "tests/store/backends.hpp"
#include "tests/support/settable_clock.hpp"

using seminarflow::test::PostgresqlBackend;
using seminarflow::test::SqliteBackend;

namespace seminarflow::http {
namespace {

const Time start = *parse_rfc3339("2026-08-04T01:30:00Z");

Request with_authorization(std::string value) {
    Request request;
    request.method = "GET";
    request.target = request.path = "/v1/instances";
    request.headers.emplace_back("authorization", std::move(value));
    return request;
}

// A migrated store, a clock, an authenticator over them, and a token made in the store.
template <class Backend>
struct Fixture {
    Backend database;
    SociStore store{database.url()};
    test::SettableClock clock{start};
    UuidV7Source ids{clock};
    TokenAuthenticator authenticator{store, clock, TokenCacheOptions{.ttl = std::chrono::seconds(30)}};

    Fixture() {
        if (!store.migrate()) throw std::runtime_error("migrate failed");
    }

    // A new token in force: its secret, and its record as stored.
    std::pair<std::string, ApiToken> make_token(std::string name, Role role) {
        const std::string secret = generate_token();
        const ApiToken token{.id = ids.next_id(), .name = std::move(name), .role = role, .hash = token_hash(secret),
                             .created_at = clock.now()};
        REQUIRE(store.create_token(token).value() == TokenCreation::created);
        return {secret, token};
    }

    std::optional<Time> last_used(const ApiToken& token) {
        return store.find_token(token.hash).value().value().last_used_at;
    }
};

std::string problem_type(const Response& response) {
    CHECK(response.content_type == "application/problem+json");
    return std::string(boost::json::parse(response.body).at("type").as_string());
}

std::string header(const Response& response, std::string_view name) {
    for (const auto& [key, value] : response.headers) {
        if (key == name) return value;
    }
    return {};
}

}  // namespace

TEMPLATE_TEST_CASE("a token in force is its caller, however its scheme is spelled", "[http][tokens]", SqliteBackend,
                   PostgresqlBackend) {
    Fixture<TestType> fixture;
    const auto [secret, token] = fixture.make_token("hội đồng giám khảo", Role::reviewer);
    for (const std::string& value : std::vector<std::string>{"Bearer " + secret, "bearer " + secret,
                                                              "BEARER  " + secret + " ", "\tBearer\t" + secret}) {
        CAPTURE(value);
        const auto actor = fixture.authenticator.authenticate(with_authorization(value));
        REQUIRE(actor.ok());
        CHECK(actor->id == token.id);
        CHECK(actor->role == Role::reviewer);
    }
}

TEMPLATE_TEST_CASE("no token, another scheme, or a token that is not valid get a 401 with the Bearer challenge",
                   "[http][tokens]", SqliteBackend, PostgresqlBackend) {
    Fixture<TestType> fixture;
    const auto [revoked_secret, revoked] = fixture.make_token("old admin", Role::admin);
    REQUIRE(fixture.store.revoke_token(revoked.id, start).value());

    const auto refusal = [&](const Request& request) {
        auto actor = fixture.authenticator.authenticate(request);
        REQUIRE_FALSE(actor.ok());
        CHECK(actor.error().status == 401);
        return std::move(actor).error();
    };
    for (const Request& request : {Request{}, with_authorization(""), with_authorization("   "),
                                   with_authorization("Basic YWRtaW46YWRtaW4="), with_authorization("Bearertoken")}) {
        CAPTURE(request.header("authorization"));
        const Response missing = refusal(request);
        CHECK(problem_type(missing) == "https://seminarflow.dev/problems/token-required");
        CHECK(header(missing, "WWW-Authenticate") == R"(Bearer realm="seminarflow")");
    }
    // Unknown, revoked and malformed answer alike: the body does not tell which it was.
    const Response unknown = refusal(with_authorization("Bearer " + generate_token()));
    CHECK(problem_type(unknown) == "https://seminarflow.dev/problems/token-invalid");
    CHECK(header(unknown, "WWW-Authenticate") == R"(Bearer realm="seminarflow", error="invalid_token")");
    for (const std::string& value : std::vector<std::string>{"Bearer " + revoked_secret, "Bearer", "Bearer sft_short",
                                                              "Bearer " + revoked.hash,
                                                              "Bearer " + revoked_secret + " " + revoked_secret}) {
        CAPTURE(value);
        const Response refused = refusal(with_authorization(value));
        CHECK(refused.body == unknown.body);
        CHECK(refused.headers == unknown.headers);
    }
    CHECK(fixture.authenticator.cache().size() == 0);  // nothing that failed is remembered
}

TEMPLATE_TEST_CASE("a token checked is believed for the cache's ttl: a revocation takes at most that long",
                   "[http][tokens]", SqliteBackend, PostgresqlBackend) {
    Fixture<TestType> fixture;
    const auto [secret, token] = fixture.make_token("unit bot", Role::member);
    const Request request = with_authorization("Bearer " + secret);
    REQUIRE(fixture.authenticator.authenticate(request).ok());
    CHECK(fixture.authenticator.cache().size() == 1);

    REQUIRE(fixture.store.revoke_token(token.id, start).value());
    // Believed without asking the store: the revocation has not reached this node yet.
    fixture.clock.set(start + std::chrono::seconds(29));
    CHECK(fixture.authenticator.authenticate(request).ok());
    // Past the ttl the store is asked again, and says no.
    fixture.clock.set(start + std::chrono::seconds(30));
    const auto refused = fixture.authenticator.authenticate(request);
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().status == 401);
}

TEMPLATE_TEST_CASE("a use is recorded at first, then at most once a minute", "[http][tokens]", SqliteBackend,
                   PostgresqlBackend) {
    Fixture<TestType> fixture;
    const auto [secret, token] = fixture.make_token("organiser", Role::organiser);
    const Request request = with_authorization("Bearer " + secret);
    CHECK_FALSE(fixture.last_used(token).has_value());

    REQUIRE(fixture.authenticator.authenticate(request).ok());
    CHECK(fixture.last_used(token) == start);
    fixture.clock.set(start + std::chrono::seconds(45));  // past the ttl: looked up again, not touched
    REQUIRE(fixture.authenticator.authenticate(request).ok());
    CHECK(fixture.last_used(token) == start);
    fixture.clock.set(start + std::chrono::seconds(61));
    REQUIRE(fixture.authenticator.authenticate(request).ok());
    CHECK(fixture.last_used(token) == start + std::chrono::seconds(61));
}

TEMPLATE_TEST_CASE("a token is checked at once when the store need not be asked, and only then", "[http][tokens]",
                   SqliteBackend, PostgresqlBackend) {
    Fixture<TestType> fixture;
    const auto [secret, token] = fixture.make_token("reminder job", Role::viewer);
    const Request request = with_authorization("Bearer " + secret);
    // Not checked yet: only the store can tell.
    CHECK_FALSE(fixture.authenticator.authenticate_at_once(request).has_value());
    REQUIRE(fixture.authenticator.authenticate(request).ok());
    const auto at_once = fixture.authenticator.authenticate_at_once(request);
    REQUIRE(at_once.has_value());
    REQUIRE(at_once->ok());
    CHECK((*at_once)->id == token.id);
    CHECK((*at_once)->role == Role::viewer);

    // A use to record waits for authenticate(), which records it.
    fixture.clock.set(start + std::chrono::seconds(40));  // past the ttl: looked up again, no use due
    REQUIRE(fixture.authenticator.authenticate(request).ok());
    fixture.clock.set(start + std::chrono::seconds(61));  // cached still, and a use is due
    CHECK_FALSE(fixture.authenticator.authenticate_at_once(request).has_value());
    CHECK(fixture.last_used(token) == start);
    REQUIRE(fixture.authenticator.authenticate(request).ok());
    CHECK(fixture.last_used(token) == start + std::chrono::seconds(61));
    CHECK(fixture.authenticator.authenticate_at_once(request).has_value());

    // What the header alone refuses is refused at once.
    for (const std::string header : {"", "Basic dXNlcjpwYXNz", "Bearer not-a-token"}) {
        const auto refused = fixture.authenticator.authenticate_at_once(with_authorization(header));
        REQUIRE(refused.has_value());
        REQUIRE_FALSE(refused->ok());
        CHECK(refused->error().status == 401);
    }
    // A well-formed token never checked is the store's to judge.
    const Request unchecked = with_authorization("Bearer " + generate_token());
    CHECK_FALSE(fixture.authenticator.authenticate_at_once(unchecked).has_value());
}

TEMPLATE_TEST_CASE("a token cannot be checked while the database is down: 503, not 401", "[http][tokens]",
                   SqliteBackend, PostgresqlBackend) {
    TestType database;
    SociStore store(database.unreachable_url());
    test::SettableClock clock(start);
    TokenAuthenticator authenticator(store, clock);
    const auto refused = authenticator.authenticate(with_authorization("Bearer " + generate_token()));
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().status == 503);
    CHECK(problem_type(refused.error()) == "https://seminarflow.dev/problems/unavailable");
    CHECK(header(refused.error(), "Retry-After") == "1");
}

}  // namespace seminarflow::http
