#pragma once
// The heart of the engine, and pure: given a definition, an instance, an event and the time,
// what happens — the next state, the data that changes and the effects to carry out — or why
// the event is refused. No I/O, no clock, no globals: the runtime does all of that around it.
#include <boost/json/object.hpp>

#include "engine/model/decision.hpp"
#include "engine/model/definition.hpp"
#include "engine/model/event.hpp"
#include "engine/model/instance.hpp"
#include "engine/model/result.hpp"

namespace seminarflow {

Outcome decide(const Definition& definition, const Instance& instance, const Event& event, Time now);

// Creating an instance: `data` is checked against the definition's data fields (unknown fields
// and wrong types refused, fields without `?` or a default required), and the initial state
// is entered: its entry actions run and its timers are scheduled. The decision's patch holds
// the defaults that were filled in and anything the entry actions set.
Outcome start(const Definition& definition, const Instance& instance, Time now);

}  // namespace seminarflow
