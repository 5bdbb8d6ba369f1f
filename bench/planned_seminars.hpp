#pragma once
// What the benchmarks that apply `amend` to planned seminars share (durable_bench,
// outbox_jobs_bench): the definitions, the organiser who sends the events, a set of seminars
// planned a month ahead, and the event itself.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "engine/definition/catalogue.hpp"
#include "engine/model/result.hpp"
#include "engine/ports/clock.hpp"
#include "engine/runtime/runtime.hpp"

namespace seminarflow::bench {

extern const Actor organiser;

// The definitions of WORKFLOWS_DIR with the templates of TEMPLATES_DIR; the diagnostics as text.
Result<Catalogue, std::string> load_catalogue(const char* workflows_dir, const char* templates_dir);

// `count` seminars created and planned (a round-table a month from `clock`'s now: `plan` refuses
// a start in the past, and no run may reach the `not_ready` timer, starts_at - 3d); their ids.
Result<std::vector<std::string>, std::string> plan_seminars(Runtime& runtime, const Clock& clock, std::size_t count);

// `amend` in `planned`: allowed again and again, changes data and queues one `seminar.updated`
// notification. The venue alternates with `n` so that every event really changes the instance.
Event amend_event(std::uint64_t n);

}  // namespace seminarflow::bench
