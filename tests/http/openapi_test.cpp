// /v1/openapi.json against the routes the server actually serves: a route missing from the
// document, or a path or method the document lists that is not served, fails here.
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <catch2/catch.hpp>

#include <algorithm>
#include <regex>
#include <set>

#include "adapters/http/operations_routes.hpp"
#include "tests/http/http_client.hpp"
#include "tests/http/test_server.hpp"

using namespace seminarflow;
using namespace seminarflow::testing;

namespace {

using Operation = std::pair<std::string, std::string>;  // (method, path pattern)

constexpr std::string_view operation_keys[] = {"get", "put", "post", "delete", "options", "head", "patch", "trace"};

const boost::json::value& document_value() {
    static const boost::json::value parsed = boost::json::parse(http::openapi_document());
    return parsed;
}

const boost::json::object& document() { return document_value().as_object(); }

std::set<Operation> served(const http::Router& router) {
    std::set<Operation> operations;
    for (const auto& route : router.routes()) {
        std::string method = route.method;
        std::transform(method.begin(), method.end(), method.begin(), [](unsigned char c) { return std::tolower(c); });
        operations.emplace(method, route.pattern);
    }
    return operations;
}

std::set<Operation> documented() {
    std::set<Operation> operations;
    for (const auto& [path, item] : document().at("paths").as_object()) {
        for (const auto& [key, value] : item.as_object()) {
            if (std::find(std::begin(operation_keys), std::end(operation_keys), key) != std::end(operation_keys)) {
                operations.emplace(std::string(key), std::string(path));
            }
        }
    }
    return operations;
}

std::string listed(const std::set<Operation>& operations) {
    std::string text;
    for (const auto& [method, path] : operations) text += "\n  " + method + " " + path;
    return text.empty() ? " none" : text;
}

// "#/components/schemas/Problem" -> the value it names, or null.
const boost::json::value* resolve(std::string_view reference) {
    if (!reference.starts_with("#/")) return nullptr;
    boost::json::error_code error;
    const boost::json::value* at = document_value().find_pointer(reference.substr(1), error);
    return error ? nullptr : at;
}

const boost::json::object& dereferenced(const boost::json::value& value) {
    const auto& object = value.as_object();
    if (const auto* reference = object.if_contains("$ref")) {
        const auto* target = resolve(reference->as_string());
        REQUIRE(target != nullptr);
        return target->as_object();
    }
    return object;
}

void collect_references(const boost::json::value& value, std::vector<std::string>& references) {
    if (value.is_object()) {
        for (const auto& [key, member] : value.as_object()) {
            if (key == "$ref" && member.is_string()) references.emplace_back(member.as_string());
            collect_references(member, references);
        }
    } else if (value.is_array()) {
        for (const auto& item : value.as_array()) collect_references(item, references);
    }
}

// The path parameters an operation declares, at the path's level or its own.
std::set<std::string> path_parameters(const boost::json::object& item, const boost::json::object& operation) {
    std::set<std::string> names;
    for (const auto* level : {&item, &operation}) {
        const auto* parameters = level->if_contains("parameters");
        if (!parameters) continue;
        for (const auto& parameter : parameters->as_array()) {
            const auto& resolved = dereferenced(parameter);
            if (resolved.at("in") == "path") names.emplace(resolved.at("name").as_string());
        }
    }
    return names;
}

}  // namespace

TEST_CASE("the OpenAPI document is served as it is in the repository, and says OpenAPI 3.1", "[http][openapi]") {
    TestServer server;
    const auto answer = http_request(server.port(), "GET", "/v1/openapi.json", {}, server.authorization(Role::viewer));
    REQUIRE(answer.status == 200);
    CHECK(answer.content_type == "application/json");
    CHECK(answer.body == http::openapi_document());
    CHECK_THAT(std::string(document().at("openapi").as_string()), Catch::Matches("3\\.1\\.[0-9]+"));
    CHECK(document().at("info").at("title") == "seminarflow");
}

TEST_CASE("the OpenAPI document lists every route served, and nothing else", "[http][openapi]") {
    TestServer server;
    const auto in_router = served(server.router());
    const auto in_document = documented();
    std::set<Operation> undocumented;
    std::set<Operation> not_served;
    std::set_difference(in_router.begin(), in_router.end(), in_document.begin(), in_document.end(),
                        std::inserter(undocumented, undocumented.end()));
    std::set_difference(in_document.begin(), in_document.end(), in_router.begin(), in_router.end(),
                        std::inserter(not_served, not_served.end()));
    INFO("served but not in adapters/http/openapi.json:" << listed(undocumented));
    INFO("in adapters/http/openapi.json but not served:" << listed(not_served));
    CHECK(undocumented.empty());
    CHECK(not_served.empty());
    CHECK(in_router.size() >= 13);  // the comparison compared something
}

TEST_CASE("every reference in the OpenAPI document resolves, and every path parameter is declared",
          "[http][openapi]") {
    std::vector<std::string> references;
    collect_references(document(), references);
    CHECK(references.size() > 20);
    for (const auto& reference : references) {
        INFO(reference);
        CHECK(resolve(reference) != nullptr);
    }
    const std::regex placeholder("\\{([a-z_]+)\\}");
    for (const auto& [path, item] : document().at("paths").as_object()) {
        const std::string text(path);
        std::set<std::string> in_path;
        for (std::sregex_iterator at(text.begin(), text.end(), placeholder), end; at != end; ++at) in_path.insert((*at)[1]);
        for (const auto& [key, operation] : item.as_object()) {
            if (key == "parameters") continue;
            INFO(key << " " << text);
            CHECK(path_parameters(item.as_object(), operation.as_object()) == in_path);
        }
    }
}

TEST_CASE("the OpenAPI document asks for a bearer token everywhere but health, readiness and the dashboard, and describes "
          "each refusal as problem+json",
          "[http][openapi]") {
    const auto& scheme = document().at("components").at("securitySchemes").at("bearer");
    CHECK(scheme.at("type") == "http");
    CHECK(scheme.at("scheme") == "bearer");
    CHECK(boost::json::serialize(document().at("security")) == R"([{"bearer":[]}])");
    for (const auto& [path, item] : document().at("paths").as_object()) {
        for (const auto& [key, value] : item.as_object()) {
            if (key == "parameters") continue;
            const auto& operation = value.as_object();
            INFO(key << " " << std::string(path));
            const bool open =
                path == "/healthz" || path == "/readyz" || path == "/" || path == "/assets/{version}/{file}";
            if (open) {
                CHECK(boost::json::serialize(operation.at("security")) == "[]");
            } else {
                CHECK_FALSE(operation.contains("security"));  // the document's: bearer
                CHECK(operation.at("responses").as_object().contains("401"));
                // A viewer's token reads only: anything else may be refused for the role.
                if (key != "get" && key != "head") CHECK(operation.at("responses").as_object().contains("403"));
            }
            bool answered = false;
            for (const auto& [status, response] : operation.at("responses").as_object()) {
                answered = answered || status.starts_with("2");
                // 304 Not Modified has no body to describe.
                if (status.starts_with("2") || status == "304") continue;
                const auto& content = dereferenced(response).at("content").as_object();
                INFO("status " << std::string(status));
                REQUIRE(content.contains("application/problem+json"));
                CHECK(content.at("application/problem+json").at("schema").at("$ref") == "#/components/schemas/Problem");
            }
            CHECK(answered);
        }
    }
}
