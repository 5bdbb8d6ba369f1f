#pragma once
// Plays a scenario as the runtime would: start() (or the state the scenario places the
// instance in), then decide() for each step at its time, applying every decision — state =
// the target's name, data = apply_patch(data, patch) — and checking each expectation.
#include "engine/definition/catalogue.hpp"
#include "workflows/scenario.hpp"
#include "workflows/transition_coverage.hpp"

namespace seminarflow::test {

// Checks with Catch, every message naming the scenario and the step. A step whose outcome or
// state differs ends the scenario (the rest would only repeat that difference); the others
// go on. Adds the (state, event) pairs decided as expected to `walked`.
void play_scenario(const Catalogue& catalogue, const Definition& definition, const Scenario& scenario,
                   TransitionSet& walked);

}  // namespace seminarflow::test
