// Requests as a client could send them, answered by the API's real routes (adapters/http): the
// router built as serve builds it, over a SQLite database of its own in a temporary folder, with
// the shipped workflows and a real admin token. What the server does between reading a request
// and writing its answer runs here, without a socket: the target split into path and query,
// routing (404, 405), the token gate, then the route's handler with its parsing of the query, the
// headers and the JSON body (a handler that answers later is waited for).
//
// The input is written as a request: "METHOD TARGET [HTTP/1.1]", header lines "Name: value", a
// blank line, then the body. "{seminar}" in the target stands for the id of a seminar the target
// made at start, so that the instance routes meet an instance. Without an Authorization header the
// request carries the admin token; with one, it is sent as written.
//
// The promise: every request gets an answer, never an exception (the server would turn one into
// a 500 and log a bug), never a 500, and always a status HTTP knows.
#include <spdlog/spdlog.h>

#include <boost/asio/thread_pool.hpp>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <future>
#include <memory>
#include <unistd.h>

#include "adapters/http/api.hpp"
#include "adapters/http/bearer_token.hpp"
#include "adapters/http/token_authenticator.hpp"
#include "adapters/store/pooled_instance_reader.hpp"
#include "adapters/store/soci_store.hpp"
#include "engine/runtime/definition_records.hpp"
#include "engine/runtime/uuid_source.hpp"
#include "tests/fuzz/fuzz_support.hpp"
#include "tests/support/settable_clock.hpp"

using namespace seminarflow;

namespace {

// A folder of this process's own, emptied first: a crashed run leaves its folder behind.
std::filesystem::path fresh_folder() {
    auto folder = std::filesystem::temp_directory_path() / ("seminarflow-fuzz-http-" + std::to_string(::getpid()));
    std::filesystem::remove_all(folder);
    std::filesystem::create_directories(folder);
    return folder;
}

std::unique_ptr<SociStore> fresh_store(const std::filesystem::path& folder) {
    auto store = SociStore::open("sqlite://" + (folder / "fuzz.db").string());
    fuzz::require(store.ok(), "the fuzz database opens");
    fuzz::require((*store)->migrate().ok(), "the fuzz database migrates");
    fuzz::require((*store)->save_definitions(definition_records(fuzz::shipped_definitions().catalogue)).ok(),
                  "the shipped definitions are saved");
    return std::move(store).value();
}

// Everything serve wires behind its routes, made once per process.
class Service {
public:
    Service()
        : folder_(fresh_folder()), store_(fresh_store(folder_)) {
        // A log line per request would drown the fuzzer's own output, and slow it tenfold.
        spdlog::set_level(spdlog::level::off);
        const ApiToken admin{.id = ids_.next_id(), .name = "fuzz-admin", .role = Role::admin,
                             .hash = http::token_hash(token_), .created_at = clock_.now()};
        fuzz::require(store_->create_token(admin).ok(), "the admin token is stored");
        auto seminar = runtime_.create("seminar", boost::json::object{{"title", "Tọa đàm fuzz"}}, std::nullopt,
                                       Actor{admin.id, Role::organiser});
        fuzz::require(seminar.ok(), "a seminar is created");
        seminar_id_ = seminar->instance.id;
        context_.clock = &clock_;
        context_.instances = &instances_;
        router_ = http::make_api_router(context_);
    }
    ~Service() {
        std::error_code ignored;
        std::filesystem::remove_all(folder_, ignored);
    }

    const http::Router& router() const { return router_; }

    // What a route that answers later (its reads on reads_) answers, once it has.
    http::Response answer_later(const http::Route& route, const http::Request& request,
                                const http::PathParams& params) {
        std::promise<http::Response> answered;
        route.deferred(request, params,
                       [&answered](http::Response response) { answered.set_value(std::move(response)); });
        return answered.get_future().get();
    }
    const std::string& seminar_id() const { return seminar_id_; }
    const std::string& token() const { return token_; }

private:
    std::filesystem::path folder_;
    std::unique_ptr<SociStore> store_;
    test::SettableClock clock_{*parse_rfc3339("2026-08-04T01:30:00Z")};
    UuidV7Source ids_{clock_};
    Runtime runtime_{fuzz::shipped_definitions().catalogue, *store_, clock_, ids_};
    http::TokenAuthenticator authenticator_{*store_, clock_};
    std::string token_ = http::generate_token();
    std::string seminar_id_;
    boost::asio::thread_pool reads_{1};
    PooledInstanceReader instances_{*store_, reads_};
    http::ApiContext context_{fuzz::shipped_definitions().catalogue, *store_, runtime_, "fuzz", authenticator_.resolver()};
    http::Router router_;
};

std::string_view next_line(std::string_view& text) {
    const std::size_t end = text.find('\n');
    std::string_view line = text.substr(0, end);
    text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    return line;
}

std::string trimmed(std::string_view text) {
    const std::size_t start = text.find_first_not_of(" \t");
    if (start == std::string_view::npos) return {};
    const std::size_t end = text.find_last_not_of(" \t");
    return std::string(text.substr(start, end - start + 1));
}

http::Request read_request(std::string_view text, const Service& service) {
    http::Request request;
    const std::string_view request_line = next_line(text);
    const std::size_t space = request_line.find(' ');
    request.method = std::string(request_line.substr(0, space));
    if (space != std::string_view::npos) {
        const std::string_view rest = request_line.substr(space + 1);
        request.target = std::string(rest.substr(0, rest.find(' ')));
    }
    for (std::size_t at; (at = request.target.find("{seminar}")) != std::string::npos;) {
        request.target.replace(at, 9, service.seminar_id());
    }
    while (!text.empty()) {
        const std::string_view line = next_line(text);
        if (line.empty()) break;
        const std::size_t colon = line.find(':');
        std::string name(line.substr(0, colon));
        std::transform(name.begin(), name.end(), name.begin(),
                       [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        const std::string value = colon == std::string_view::npos ? std::string() : trimmed(line.substr(colon + 1));
        request.headers.emplace_back(std::move(name), value);
    }
    if (request.header("authorization").empty()) {
        request.headers.emplace_back("authorization", "Bearer " + service.token());
    }
    request.body = std::string(text);
    return request;
}

void require_answer(const http::Response& response) {
    fuzz::require(response.status >= 100 && response.status <= 599, "a status HTTP knows");
    fuzz::require(response.status != 500, "no request is a server error");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static Service service;
    http::Request request = read_request(fuzz::as_text(data, size), service);
    if (!http::parse_target(request.target, request)) return 0;  // the server answers 400 before routing

    const http::Match match = service.router().match(request.method, request.path);
    if (!match.route) {
        fuzz::require(match.response.status == 404 || match.response.status == 405, "an unrouted request gets 404 or 405");
        return 0;
    }
    if (match.route->access == http::Access::token) {
        auto actor = http::admit(service.router().actor_resolver(), request);
        if (!actor) {
            require_answer(actor.error());
            return 0;
        }
        request.actor = std::move(actor).value();
    }
    require_answer(match.route->deferred ? service.answer_later(*match.route, request, match.params)
                                         : match.route->handler(request, match.params));
    return 0;
}
