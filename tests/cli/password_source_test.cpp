// The relay's password for `endpoints add --channel email`: from a file or an environment
// variable, never the command line.
#include <catch2/catch.hpp>

#include <cstdio>

#include "adapters/cli/password_source.hpp"

using namespace seminarflow;
using Catch::Matchers::Contains;

TEST_CASE("the relay's password comes from a file or an environment variable, never the command line", "[endpoints]") {
    const auto environment = [](const char* name) -> const char* {
        return std::string_view(name) == "RELAY_PASSWORD" ? "mật khẩu" : nullptr;
    };
    CHECK(read_password({}, environment).value() == std::nullopt);
    CHECK(read_password({.variable = "RELAY_PASSWORD"}, environment).value() == "mật khẩu");
    CHECK_THAT(read_password({.variable = "UNSET"}, environment).error(), Contains("$UNSET is not set"));
    CHECK_THAT(read_password({.file = "f", .variable = "RELAY_PASSWORD"}, environment).error(),
               Contains("give the password once"));

    const std::string file = "password-source-test.txt";
    std::FILE* out = std::fopen(file.c_str(), "wb");
    REQUIRE(out != nullptr);
    std::fputs("s3cret with spaces\r\nsecond line\n", out);
    std::fclose(out);
    CHECK(read_password({.file = file}, environment).value() == "s3cret with spaces");
    out = std::fopen(file.c_str(), "wb");
    std::fclose(out);
    CHECK_THAT(read_password({.file = file}, environment).error(), Contains("cannot read a line"));
    std::remove(file.c_str());
    CHECK_THAT(read_password({.file = "/nonexistent/password"}, environment).error(),
               Contains("--password-file: cannot read a line from /nonexistent/password"));
}
