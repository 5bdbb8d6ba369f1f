// The dashboard as the real server serves it: open, gzip when asked, strong ETags and 304s,
// cache and security headers, and 404 for an asset that is not there or of another build.
#include <boost/beast/zlib/inflate_stream.hpp>
#include <catch2/catch.hpp>

#include <fstream>
#include <iterator>

#include "adapters/http/dashboard_assets.hpp"
#include "adapters/http/dashboard_routes.hpp"
#include "tests/http/http_client.hpp"
#include "tests/http/test_server.hpp"

using namespace seminarflow;
using namespace seminarflow::testing;

namespace {

using Headers = std::vector<std::pair<std::string, std::string>>;

std::string source_file(const std::string& name) {
    std::ifstream file(std::string(SEMINARFLOW_SOURCE_DIR) + "/adapters/http/dashboard/" + name, std::ios::binary);
    REQUIRE(file);
    return {std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>()};
}

// What a browser makes of a gzip body: gzip -n writes a 10-byte header, then raw deflate.
std::string gunzip(const std::string& body) {
    REQUIRE(body.size() > 18);
    REQUIRE(static_cast<unsigned char>(body[0]) == 0x1f);
    REQUIRE(static_cast<unsigned char>(body[1]) == 0x8b);
    boost::beast::zlib::inflate_stream inflate;
    inflate.reset(15);
    std::string out(body.size() * 20 + 4096, '\0');
    boost::beast::zlib::z_params params;
    params.next_in = body.data() + 10;
    params.avail_in = body.size() - 18;
    params.next_out = out.data();
    params.avail_out = out.size();
    boost::system::error_code error;
    inflate.write(params, boost::beast::zlib::Flush::finish, error);
    REQUIRE((!error || error == boost::beast::zlib::error::end_of_stream));
    out.resize(params.total_out);
    return out;
}

std::string asset_url(const std::string& name) { return "/assets/" + std::string(http::dashboard_version()) + "/" + name; }

void check_common_headers(const ClientResponse& response) {
    CHECK(response.header("Vary") == "Accept-Encoding");
    CHECK(response.header("X-Content-Type-Options") == "nosniff");
    const std::string policy = response.header("Content-Security-Policy");
    CHECK_THAT(policy, Catch::Contains("script-src 'self';"));
    CHECK_THAT(policy, Catch::Contains("default-src 'none'"));
    CHECK_THAT(policy, !Catch::Contains("unsafe-inline"));
}

}  // namespace

TEST_CASE("the dashboard's page is served without a token, revalidated each time, and names this build's assets",
          "[http][dashboard]") {
    TestServer server;
    const auto page = http_request(server.port(), "GET", "/");
    REQUIRE(page.status == 200);
    CHECK(page.content_type == "text/html; charset=utf-8");
    CHECK(page.header("Cache-Control") == "no-cache");
    CHECK(page.header("Content-Encoding").empty());  // not asked for
    check_common_headers(page);
    CHECK_THAT(page.body, Catch::Contains(asset_url("app.js")));
    CHECK_THAT(page.body, Catch::Contains(asset_url("style.css")));
    CHECK_THAT(page.body, !Catch::Contains("@ASSET_VERSION@"));
    // Nothing inline for the policy to refuse.
    CHECK_THAT(page.body, !Catch::Contains("<script>"));
    CHECK_THAT(page.body, !Catch::Contains("style="));
    // The JSON index moved to /v1, behind a token.
    CHECK(http_request(server.port(), "GET", "/v1").status == 401);
    CHECK(http_request(server.port(), "GET", "/v1", {}, server.authorization()).status == 200);
}

TEST_CASE("a dashboard asset is gzip-compressed when the request takes gzip, byte for byte the file otherwise",
          "[http][dashboard]") {
    TestServer server;
    const std::string source = source_file("app.js");
    const auto plain = http_request(server.port(), "GET", asset_url("app.js"));
    REQUIRE(plain.status == 200);
    CHECK(plain.content_type == "text/javascript; charset=utf-8");
    CHECK(plain.body == source);
    CHECK(plain.header("Cache-Control") == "public, max-age=31536000, immutable");
    check_common_headers(plain);

    for (const std::string accept : {"gzip", "br, gzip;q=0.8", "GZIP", "*", "deflate, x-gzip"}) {
        INFO(accept);
        const auto compressed = http_request(server.port(), "GET", asset_url("app.js"), {}, {{"Accept-Encoding", accept}});
        REQUIRE(compressed.status == 200);
        CHECK(compressed.header("Content-Encoding") == "gzip");
        CHECK(compressed.body.size() < source.size());
        CHECK(gunzip(compressed.body) == source);
        // Another representation, so another strong ETag.
        CHECK(compressed.header("ETag") != plain.header("ETag"));
        check_common_headers(compressed);
    }
    for (const std::string accept : {"identity", "br", "gzip;q=0", "gzip; q=0.000, br", "*;q=0"}) {
        INFO(accept);
        const auto refused = http_request(server.port(), "GET", asset_url("app.js"), {}, {{"Accept-Encoding", accept}});
        CHECK(refused.header("Content-Encoding").empty());
        CHECK(refused.body == source);
    }
}

TEST_CASE("a dashboard response's strong ETag answers 304 when the browser holds that representation",
          "[http][dashboard]") {
    TestServer server;
    for (const std::string& target : {std::string("/"), asset_url("style.css")}) {
        INFO(target);
        const Headers gzip = {{"Accept-Encoding", "gzip"}};
        const auto first = http_request(server.port(), "GET", target, {}, gzip);
        const std::string etag = first.header("ETag");
        REQUIRE(etag.size() > 2);
        CHECK(etag.front() == '"');
        CHECK_FALSE(etag.starts_with("W/"));
        for (const std::string& held : {etag, "\"other\", " + etag, "W/" + etag, std::string("*")}) {
            const auto again = http_request(server.port(), "GET", target, {}, {{"Accept-Encoding", "gzip"}, {"If-None-Match", held}});
            CHECK(again.status == 304);
            CHECK(again.body.empty());
            CHECK(again.header("ETag") == etag);
            CHECK(again.header("Cache-Control") == first.header("Cache-Control"));
        }
        // The gzip copy's tag does not stand for the uncompressed one.
        const auto plain = http_request(server.port(), "GET", target, {}, {{"If-None-Match", etag}});
        CHECK(plain.status == 200);
        CHECK(http_request(server.port(), "GET", target, {}, {{"If-None-Match", "\"stale\""}}).status == 200);
    }
}

TEST_CASE("an unknown dashboard asset, or one of another build, is 404 without a token", "[http][dashboard]") {
    TestServer server;
    const std::string version(http::dashboard_version());
    for (const std::string& target : {"/assets/" + version + "/nothing.js", std::string("/assets/0123456789abcdef/app.js"),
                                      "/assets/" + version + "/index.html", std::string("/assets/app.js")}) {
        INFO(target);
        const auto missing = http_request(server.port(), "GET", target);
        CHECK(missing.status == 404);
        CHECK(missing.content_type == "application/problem+json");
    }
    CHECK(http_request(server.port(), "HEAD", asset_url("app.js")).status == 200);
    CHECK(http_request(server.port(), "POST", asset_url("app.js")).status == 405);
}

TEST_CASE("Accept-Encoding and If-None-Match are read as RFC 9110 says", "[http][dashboard]") {
    CHECK(http::accepts_gzip("gzip"));
    CHECK(http::accepts_gzip("deflate, gzip;q=1.0, br"));
    CHECK(http::accepts_gzip("*;q=0.5"));
    CHECK_FALSE(http::accepts_gzip(""));
    CHECK_FALSE(http::accepts_gzip("gzip;q=0, *"));  // named and refused: "*" does not bring it back
    CHECK_FALSE(http::accepts_gzip("gzipped"));
    CHECK(http::none_match_names(R"("a", "b")", R"("b")"));
    CHECK(http::none_match_names(R"(W/"b")", R"("b")"));
    CHECK_FALSE(http::none_match_names(R"("a")", R"("b")"));
    CHECK_FALSE(http::none_match_names("", R"("b")"));
}
