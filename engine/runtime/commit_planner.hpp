#pragma once
// The pure half of the runtime: a decision turned into the Commit that carries it out. New ids
// come from the IdSource; everything else from the arguments. Spawned children are started
// here, with the interpreter, so that a child its definition would refuse (a unit given as a
// number) refuses the parent's event instead of failing later, outside any transaction.
#include "engine/definition/catalogue.hpp"
#include "engine/model/decision.hpp"
#include "engine/model/event.hpp"
#include "engine/model/instance.hpp"
#include "engine/model/result.hpp"
#include "engine/ports/commit.hpp"
#include "engine/ports/id_source.hpp"

namespace seminarflow {

// Spawning may start children that spawn children; past this depth a definition is looping.
inline constexpr int max_spawn_depth = 8;

// `instance` is as it was loaded (its version is the one the decision was made on); `decision`
// is decide()'s answer to `event` at `now`.
Result<Commit, Rejection> plan_transition(const Catalogue& catalogue, const Definition& definition,
                                          const Instance& instance, const Event& event, Decision decision, Time now,
                                          IdSource& ids);

// `instance` has its id, workflow, definition version, data and parent set; `decision` is
// start()'s answer for it. The creation is recorded in its history as the event "created".
Result<Commit, Rejection> plan_creation(const Catalogue& catalogue, const Definition& definition, Instance instance,
                                        const Actor& actor, Decision decision, Time now, IdSource& ids);

}  // namespace seminarflow
