// The decision's small helpers: the patch the runtime applies, and the names of rejection kinds
// the HTTP layer turns into problem types.
#include <catch2/catch.hpp>

#include <boost/json.hpp>

#include "engine/model/decision.hpp"

using namespace seminarflow;

TEST_CASE("apply_patch overwrites the patched fields and keeps the rest", "[decision]") {
    const boost::json::object data{{"title", "Tọa đàm"}, {"postponements", 0}};
    const boost::json::object patch{{"postponements", 1}, {"venue", "Hà Nội"}};
    const auto result = apply_patch(data, patch);
    CHECK(result == boost::json::object{{"title", "Tọa đàm"}, {"postponements", 1}, {"venue", "Hà Nội"}});
    CHECK(apply_patch(data, {}) == data);
}

TEST_CASE("every rejection kind has a stable name", "[decision]") {
    CHECK(rejection_kind_name(RejectionKind::unknown_event) == "unknown_event");
    CHECK(rejection_kind_name(RejectionKind::not_allowed_in_state) == "not_allowed_in_state");
    CHECK(rejection_kind_name(RejectionKind::instance_finished) == "instance_finished");
    CHECK(rejection_kind_name(RejectionKind::role_not_allowed) == "role_not_allowed");
    CHECK(rejection_kind_name(RejectionKind::payload_invalid) == "payload_invalid");
    CHECK(rejection_kind_name(RejectionKind::guard_failed) == "guard_failed");
    CHECK(rejection_kind_name(RejectionKind::action_failed) == "action_failed");
    CHECK(rejection_kind_name(RejectionKind::definition_mismatch) == "definition_mismatch");
}

TEST_CASE("a decision changes state only when it goes somewhere else", "[decision]") {
    Decision decision;
    decision.from = decision.to = 2;
    CHECK_FALSE(decision.changes_state());
    decision.to = 3;
    CHECK(decision.changes_state());
}
