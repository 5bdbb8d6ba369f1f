// How the loader talks to a person: file:line:column, and a "did you mean" only when one
// candidate is a plausible typo.
#include <catch2/catch.hpp>

#include "engine/definition/diagnostics.hpp"
#include "engine/definition/suggest.hpp"

using namespace seminarflow;

TEST_CASE("a diagnostic is written file:line:column: message", "[diagnostics]") {
    CHECK(format_diagnostic({"workflows/seminar.yaml", {12, 9}, "state 'planed' does not exist"}) ==
          "workflows/seminar.yaml:12:9: state 'planed' does not exist");
    CHECK(format_diagnostic({"workflows/seminar.yaml", {12, 0}, "m"}) == "workflows/seminar.yaml:12: m");
    CHECK(format_diagnostic({"workflows", {}, "no workflow definitions"}) == "workflows: no workflow definitions");
}

TEST_CASE("a sink collects every diagnostic under its file", "[diagnostics]") {
    DiagnosticSink sink("workflows/demo.yaml");
    CHECK(sink.empty());
    sink.error({3, 1}, "first");
    sink.error({7, 5}, "second");
    CHECK_FALSE(sink.empty());
    REQUIRE(sink.diagnostics().size() == 2);
    CHECK(sink.diagnostics()[1].file == "workflows/demo.yaml");
    CHECK(sink.diagnostics()[1].where.line == 7);
    CHECK(sink.diagnostics()[1].message == "second");
}

TEST_CASE("did_you_mean suggests the closest plausible candidate", "[diagnostics]") {
    const std::vector<std::string> states{"draft", "planned", "in_session", "closed"};
    CHECK(did_you_mean("planed", states) == " (did you mean 'planned'?)");
    CHECK(did_you_mean("clsoed", states) == " (did you mean 'closed'?)");
    CHECK(did_you_mean("insession", states) == " (did you mean 'in_session'?)");
    CHECK(did_you_mean("archived", states).empty());  // nothing close: no guess
    CHECK(did_you_mean("planned", {}).empty());
    // Short names tolerate two edits, so that `to` is found from `too` and `in` from `ni`.
    CHECK(did_you_mean("too", {"template", "to"}) == " (did you mean 'to'?)");
}
