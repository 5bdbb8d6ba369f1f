// The text format's details: what is escaped where, how numbers read, which names are allowed.
#include <catch2/catch.hpp>

#include <limits>
#include <vector>

#include "adapters/metrics/exposition.hpp"

namespace seminarflow::metrics {

TEST_CASE("a label value escapes backslash, double quote and line feed, and nothing else", "[metrics][exposition]") {
    CHECK(escape_label_value(R"(C:\tmp)") == R"(C:\\tmp)");
    CHECK(escape_label_value(R"(say "hi")") == R"(say \"hi\")");
    CHECK(escape_label_value("two\nlines") == R"(two\nlines)");
    // UTF-8, tabs, braces and '=' pass as they are: the quotes delimit the value.
    CHECK(escape_label_value("Hội thảo\t{id}=1") == "Hội thảo\t{id}=1");
    CHECK(escape_label_value("") == "");
}

TEST_CASE("a HELP text escapes backslash and line feed but keeps double quotes", "[metrics][exposition]") {
    CHECK(escape_help("a \\ b\nc \"d\"") == "a \\\\ b\\nc \"d\"");
}

TEST_CASE("sample values read back as the same number, infinities and NaN spelled as Prometheus does",
          "[metrics][exposition]") {
    CHECK(format_value(0.0) == "0");
    CHECK(format_value(5.0) == "5");
    CHECK(format_value(0.005) == "0.005");
    CHECK(format_value(0.1) == "0.1");
    CHECK(format_value(1e-9) == "1e-09");
    CHECK(format_value(123456789.25) == "123456789.25");
    CHECK(format_value(std::numeric_limits<double>::infinity()) == "+Inf");
    CHECK(format_value(-std::numeric_limits<double>::infinity()) == "-Inf");
    CHECK(format_value(std::numeric_limits<double>::quiet_NaN()) == "NaN");
    CHECK(format_value(std::uint64_t{18446744073709551615ULL}) == "18446744073709551615");
}

TEST_CASE("metric and label names follow the data model", "[metrics][exposition]") {
    CHECK(valid_metric_name("seminarflow_http_requests_total"));
    CHECK(valid_metric_name("job:rate5m"));
    CHECK(valid_metric_name("_private"));
    CHECK_FALSE(valid_metric_name(""));
    CHECK_FALSE(valid_metric_name("5xx_total"));
    CHECK_FALSE(valid_metric_name("http-requests"));
    CHECK_FALSE(valid_metric_name("yêu_cầu"));

    CHECK(valid_label_name("route"));
    CHECK(valid_label_name("status_code2"));
    CHECK_FALSE(valid_label_name(""));
    CHECK_FALSE(valid_label_name("__name__"));
    CHECK_FALSE(valid_label_name("job:name"));
    CHECK_FALSE(valid_label_name("2xx"));
}

TEST_CASE("a label set is the labels in order, each value escaped, and the extra one last", "[metrics][exposition]") {
    const std::vector<std::string> names{"method", "route"};
    const std::vector<std::string> values{"GET", "/v1/\"x\"\n"};
    CHECK(label_set(names, values) == R"({method="GET",route="/v1/\"x\"\n"})");
    CHECK(label_set(names, values, "le", "0.5") == R"({method="GET",route="/v1/\"x\"\n",le="0.5"})");
    CHECK(label_set({}, {}, "le", "+Inf") == R"({le="+Inf"})");
    CHECK(label_set({}, {}) == "");
}

}  // namespace seminarflow::metrics
