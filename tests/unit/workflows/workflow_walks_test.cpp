// Walks every transition of every shipped workflow (issue #1): the stories of the seeds — a
// round-table where 6 member units present their tham luận, a chair's conclusion answering
// proposals and issuing directives, 11 units rewarded 55,000,000 VND within the budget, a
// contest from regional rounds to the final — and each refusal a person would hit on the way.
// The stories are data in walks/NAME.json; this file plays them against the real
// workflows/*.yaml and then demands that every (state, event) pair was decided at least once.
#include <catch2/catch.hpp>

#include <filesystem>
#include <set>
#include <stdexcept>

#include "workflows/scenario.hpp"
#include "workflows/scenario_player.hpp"
#include "workflows/shipped_catalogue.hpp"
#include "workflows/transition_coverage.hpp"

using namespace seminarflow;
using namespace seminarflow::test;

namespace {

std::filesystem::path walks_dir() { return source_dir() / "tests" / "unit" / "workflows" / "walks"; }

void walk_every_transition(const std::string& name) {
    const Catalogue& catalogue = shipped_catalogue();
    const Definition* definition = catalogue.find(name);
    REQUIRE(definition);

    ScenarioFile file;
    try {
        file = read_scenario_file(walks_dir() / (name + ".json"));
    } catch (const std::runtime_error& error) {
        FAIL(error.what());
    }
    REQUIRE(file.workflow == name);
    REQUIRE_FALSE(file.scenarios.empty());

    TransitionSet walked;
    for (const auto& scenario : file.scenarios) play_scenario(catalogue, *definition, scenario, walked);

    const std::string missing = describe_missing(*definition, walked);
    INFO(walked.size() << " of " << all_transitions(*definition).size() << " transitions of " << name << " walked");
    if (!missing.empty()) FAIL_CHECK("transitions of " << name << " that no walk decides:\n" << missing);
}

}  // namespace

TEST_CASE("every shipped workflow has a walk file, and every walk file a workflow", "[walk]") {
    std::set<std::string> workflows;
    for (const auto& name : shipped_catalogue().names()) workflows.insert(name);
    std::set<std::string> walks;
    for (const auto& entry : std::filesystem::directory_iterator(walks_dir())) {
        if (entry.path().extension() == ".json") walks.insert(entry.path().stem().string());
    }
    CHECK(walks == workflows);
}

TEST_CASE("walk: seminar — a round-table from draft to the follow-up of its conclusion", "[walk][seminar]") {
    walk_every_transition("seminar");
}

TEST_CASE("walk: submission — one unit's tham luận from invitation to presentation", "[walk][submission]") {
    walk_every_transition("submission");
}

TEST_CASE("walk: proposal — a delegate's kiến nghị answered, forwarded or withdrawn", "[walk][proposal]") {
    walk_every_transition("proposal");
}

TEST_CASE("walk: directive — a task of the conclusion followed until it is done", "[walk][directive]") {
    walk_every_transition("directive");
}

TEST_CASE("walk: reward — khen thưởng within the parent's budget", "[walk][reward]") {
    walk_every_transition("reward");
}

TEST_CASE("walk: contest — registration, regional rounds, the final and its rewards", "[walk][contest]") {
    walk_every_transition("contest");
}

TEST_CASE("walk: programme — a year's theme with its seminars and contests", "[walk][programme]") {
    walk_every_transition("programme");
}
