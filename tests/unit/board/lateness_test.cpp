// What the board shows in red: tham luận missing from three days before they are due while the
// event collects them, overdue directives and failing deliveries whatever the stage.
#include <catch2/catch.hpp>

#include "engine/board/lateness.hpp"
#include "support/time_literal.hpp"

using namespace seminarflow;
using namespace seminarflow::test;

namespace {

BoardRow collecting(std::int64_t unsubmitted, std::string_view due = "2026-03-10T10:00:00Z") {
    BoardRow row;
    row.instance.workflow = "seminar";
    row.instance.state = "collecting";
    row.instance.data = {{"title", "Hội thảo"}, {"contributions_due", due}};
    row.unsubmitted_contributions = unsubmitted;
    return row;
}

}  // namespace

TEST_CASE("missing tham luận are late from three days before they are due, and after") {
    const BoardRow row = collecting(2);
    CHECK(lateness(row, at("2026-03-07T09:59:59Z")).empty());
    const auto warned = lateness(row, at("2026-03-07T10:00:00Z"));
    REQUIRE(warned.size() == 1);
    CHECK(warned[0].kind == LateKind::contributions_missing);
    CHECK(warned[0].count == 2);
    CHECK(warned[0].due == at("2026-03-10T10:00:00Z"));
    CHECK(lateness(row, at("2026-03-20T00:00:00Z")).size() == 1);
}

TEST_CASE("tham luận are not late when all are in, outside the collecting stages, or with no due date") {
    CHECK(lateness(collecting(0), at("2026-03-20T00:00:00Z")).empty());
    BoardRow ready = collecting(2);
    ready.instance.state = "programme_ready";
    CHECK(lateness(ready, at("2026-03-20T00:00:00Z")).empty());
    BoardRow inviting = collecting(2);
    inviting.instance.state = "inviting";
    CHECK(lateness(inviting, at("2026-03-20T00:00:00Z")).size() == 1);
    BoardRow undated = collecting(2);
    undated.instance.data.erase("contributions_due");
    CHECK(lateness(undated, at("2026-03-20T00:00:00Z")).empty());
    CHECK(lateness(collecting(2, "next week"), at("2026-03-20T00:00:00Z")).empty());
}

TEST_CASE("overdue directives and failing deliveries are late in any stage, in that order") {
    BoardRow row = collecting(0);
    row.instance.state = "concluded";
    row.overdue_directives = 6;
    row.failing_deliveries = 1;
    const auto late = lateness(row, at("2016-12-15T00:00:00Z"));
    REQUIRE(late.size() == 2);
    CHECK(late[0].kind == LateKind::directives_overdue);
    CHECK(late[0].count == 6);
    CHECK_FALSE(late[0].due.has_value());
    CHECK(late[1].kind == LateKind::deliveries_failing);
    CHECK(late_kind_name(late[1].kind) == "deliveries_failing");
}
