#pragma once
// What a decision asks of other instances must be possible for them: the runtime will start a
// spawned child with the data given, and deliver a signal to the parent. A walk that only
// looked at the effects would pass with a child that can never start, or a signal that no
// parent accepts; these checks run on every decision a walk makes.
#include <boost/json/object.hpp>
#include <optional>
#include <string>

#include "engine/definition/catalogue.hpp"
#include "engine/model/effect.hpp"

namespace seminarflow::test {

// Starts the child as the runtime would (its parent's data as it is after the decision);
// answers why the child workflow refuses it.
std::optional<std::string> check_spawn(const Catalogue& catalogue, const boost::json::object& parent_data,
                                       const SpawnChild& spawn, Time now);

// Some state of some parent workflow handles the event and takes the payload sent (signals
// come from the engine, so roles do not apply); answers why none does.
std::optional<std::string> check_signal(const Catalogue& catalogue, const Definition& child, const SignalParent& signal);

}  // namespace seminarflow::test
