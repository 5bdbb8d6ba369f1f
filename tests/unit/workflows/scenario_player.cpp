#include "workflows/scenario_player.hpp"

#include <catch2/catch.hpp>

#include "engine/interpreter/interpreter.hpp"
#include "workflows/effect_matcher.hpp"
#include "workflows/link_checks.hpp"

namespace seminarflow::test {
namespace {

Instance initial_instance(const Definition& definition, const ScenarioStart& start) {
    Instance instance;
    instance.id = definition.name + "-walk";
    instance.workflow = definition.name;
    instance.definition_version = definition.version;
    instance.state = start.state.value_or(definition.states[definition.initial].name);
    instance.data = start.data;
    instance.children = start.children;
    if (start.parent_data) {
        instance.parent = "parent-walk";
        instance.parent_data = *start.parent_data;
    }
    instance.created_at = instance.updated_at = start.at;
    return instance;
}

// The spawns and signals of a decision must be possible for the instances that receive them.
void check_links(const Catalogue& catalogue, const Definition& definition, const Instance& instance,
                 const Decision& decision, Time now) {
    for (const auto& effect : decision.effects) {
        std::optional<std::string> problem;
        if (const auto* spawn = std::get_if<SpawnChild>(&effect)) problem = check_spawn(catalogue, instance.data, *spawn, now);
        if (const auto* signal = std::get_if<SignalParent>(&effect)) problem = check_signal(catalogue, definition, *signal);
        if (problem) FAIL_CHECK(*problem);
    }
}

bool check_rejection(const Outcome& outcome, const Expectation& expect, const Definition& definition) {
    if (const auto* decision = std::get_if<Decision>(&outcome)) {
        FAIL_CHECK("decided (to " << definition.states[decision->to].name << "; effects: "
                                  << describe_effects(decision->effects) << "), but a rejection (" << *expect.rejected
                                  << ") was expected");
        return false;
    }
    const auto& rejection = std::get<Rejection>(outcome);
    INFO("rejection: " << rejection_kind_name(rejection.kind) << ", " << rejection.rule << ": " << rejection.message);
    CHECK(std::string(rejection_kind_name(rejection.kind)) == *expect.rejected);
    if (expect.rule) CHECK(rejection.rule == *expect.rule);
    if (expect.message) CHECK_THAT(rejection.message, Catch::Matchers::Contains(*expect.message));
    return true;
}

// Checks the outcome and, when it is a decision, applies it to `instance`. False when the
// instance is not where the scenario says it is.
bool check_outcome(const Catalogue& catalogue, const Definition& definition, Instance& instance,
                   const Outcome& outcome, const Expectation& expect, Time now) {
    if (expect.rejected) {
        const bool as_expected = check_rejection(outcome, expect, definition);
        if (expect.state) CHECK(instance.state == *expect.state);
        return as_expected;
    }
    if (const auto* rejection = std::get_if<Rejection>(&outcome)) {
        FAIL_CHECK("rejected (" << rejection_kind_name(rejection->kind) << ", " << rejection->rule
                                << "): " << rejection->message);
        return false;
    }
    const auto& decision = std::get<Decision>(outcome);
    instance.state = definition.states[decision.to].name;
    instance.data = apply_patch(std::move(instance.data), decision.data_patch);
    instance.version += 1;
    instance.updated_at = now;
    if (instance.state != *expect.state) {
        FAIL_CHECK("went to '" << instance.state << "', expected '" << *expect.state
                               << "'; effects: " << describe_effects(decision.effects));
        return false;
    }
    if (expect.data) {
        if (auto difference = match_fields(*expect.data, instance.data, "data")) FAIL_CHECK(*difference);
    }
    if (expect.effects) {
        if (auto difference = match_effects(*expect.effects, decision.effects)) FAIL_CHECK(*difference);
    }
    check_links(catalogue, definition, instance, decision, now);
    return true;
}

}  // namespace

void play_scenario(const Catalogue& catalogue, const Definition& definition, const Scenario& scenario,
                   TransitionSet& walked) {
    Instance instance = initial_instance(definition, scenario.start);
    if (!scenario.start.state) {
        INFO(definition.name << " scenario '" << scenario.name << "', start at " << scenario.start.at_text);
        const Outcome outcome = start(definition, instance, scenario.start.at);
        if (!check_outcome(catalogue, definition, instance, outcome, scenario.start.expect, scenario.start.at)) return;
    } else if (!definition.find_state(*scenario.start.state)) {
        FAIL_CHECK(definition.name << " scenario '" << scenario.name << "' starts in unknown state '"
                                   << *scenario.start.state << "'");
        return;
    }
    for (std::size_t i = 0; i < scenario.steps.size(); ++i) {
        const ScenarioStep& step = scenario.steps[i];
        if (step.children) instance.children = *step.children;
        if (step.parent_data) instance.parent_data = apply_patch(instance.parent_data.value_or(boost::json::object{}), *step.parent_data);
        INFO(definition.name << " scenario '" << scenario.name << "', step " << i + 1 << ": '" << step.event << "' as "
                             << role_name(step.role) << " at " << step.at_text << " in state '" << instance.state << "'");
        const std::string from = instance.state;
        const Event event{step.event, step.payload, Actor{"walk:" + std::string(role_name(step.role)), step.role}};
        const Outcome outcome = decide(definition, instance, event, step.at);
        if (!check_outcome(catalogue, definition, instance, outcome, step.expect, step.at)) return;
        if (std::holds_alternative<Decision>(outcome)) walked.emplace(from, step.event);
    }
}

}  // namespace seminarflow::test
