// Decisions per second of the interpreter on the seminar machine, single thread.
//
//   interpreter_bench WORKFLOWS_DIR TEMPLATES_DIR WALK_JSON [DECISIONS]
//
// Replays bench/seminar_walk.json (one seminar from draft to closed, 36 events) until DECISIONS
// events have been decided, applying each decision (new state, data patch) as the runtime would.
// Restarting a walk (start(): the initial state's entry) is timed but not counted, as in the
// XState counterpart bench/xstate/seminar_walk.mjs. Prints one JSON line.
#include <boost/json.hpp>
#include <chrono>
#include <fstream>
#include <iostream>
#include <sstream>

#include "engine/definition/definition_set.hpp"
#include "engine/interpreter/interpreter.hpp"
#include "engine/interpreter/named_code.hpp"

namespace {

using namespace seminarflow;

struct TimedEvent {
    Event event;
    Time at;
};

struct Walk {
    boost::json::object initial_data;
    std::vector<ChildCount> children;
    std::vector<TimedEvent> events;
    std::string final_state;
};

Walk read_walk(const std::string& path) {
    std::ifstream stream(path);
    std::stringstream text;
    text << stream.rdbuf();
    const auto root = boost::json::parse(text.str()).as_object();
    Walk walk;
    walk.initial_data = root.at("initial_data").as_object();
    walk.final_state = std::string(root.at("expected_final_state").as_string());
    for (const auto& [workflow, states] : root.at("assumed_children").as_object()) {
        if (!states.is_object()) continue;
        for (const auto& [state, count] : states.as_object()) {
            if (count.is_int64()) walk.children.push_back({std::string(workflow), std::string(state), count.as_int64()});
        }
    }
    for (const auto& item : root.at("events").as_array()) {
        const auto& object = item.as_object();
        const std::string role(object.at("role").as_string());
        TimedEvent timed;
        timed.event.type = std::string(object.at("type").as_string());
        timed.event.payload = object.at("payload").as_object();
        timed.event.actor = {"bench", role == "system" ? Role::system : *parse_api_role(role)};
        timed.at = *parse_rfc3339(object.at("at").as_string());
        walk.events.push_back(std::move(timed));
    }
    return walk;
}

Instance fresh_instance(const Definition& definition, const Walk& walk) {
    Instance instance;
    instance.workflow = definition.name;
    instance.definition_version = definition.version;
    instance.state = definition.states[definition.initial].name;
    instance.data = walk.initial_data;
    instance.children = walk.children;
    const Outcome started = start(definition, instance, walk.events.front().at);
    if (const auto* rejection = std::get_if<Rejection>(&started)) throw std::runtime_error("start: " + rejection->message);
    instance.data = apply_patch(std::move(instance.data), std::move(std::get<Decision>(started).data_patch));
    return instance;
}

struct WalkResult {
    std::size_t effects = 0;  // counted so that nothing is optimised away
    std::string final_state;
};

WalkResult walk_once(const Definition& definition, const Walk& walk, std::size_t limit, std::size_t& decided) {
    Instance instance = fresh_instance(definition, walk);
    std::size_t effects = 0;
    for (std::size_t i = 0; i < walk.events.size() && decided < limit; ++i, ++decided) {
        Outcome outcome = decide(definition, instance, walk.events[i].event, walk.events[i].at);
        if (auto* rejection = std::get_if<Rejection>(&outcome)) {
            throw std::runtime_error("event " + std::to_string(i) + " '" + walk.events[i].event.type +
                                     "' in state " + instance.state + " refused: " + rejection->message);
        }
        auto& decision = std::get<Decision>(outcome);
        instance.state = definition.states[decision.to].name;
        instance.data = apply_patch(std::move(instance.data), std::move(decision.data_patch));
        effects += decision.effects.size();
    }
    return {effects, std::move(instance.state)};
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 4) {
        std::cerr << "usage: interpreter_bench WORKFLOWS_DIR TEMPLATES_DIR WALK_JSON [DECISIONS]\n";
        return 2;
    }
    const std::size_t decisions = argc > 4 ? std::stoull(argv[4]) : 2'000'000;
    auto loaded = load_definition_set(argv[2], argv[1], standard_named_code());
    if (!loaded) {
        for (const auto& diagnostic : loaded.error()) std::cerr << format_diagnostic(diagnostic) << '\n';
        return 1;
    }
    const Definition& seminar = *loaded->catalogue.find("seminar");
    const Walk walk = read_walk(argv[3]);

    // One checked walk first: the figures mean nothing if the walk is refused or ends elsewhere.
    std::size_t checked = 0;
    const auto check = walk_once(seminar, walk, walk.events.size(), checked);
    if (check.final_state != walk.final_state) {
        std::cerr << "the walk ends in " << check.final_state << ", not " << walk.final_state << '\n';
        return 1;
    }

    std::size_t decided = 0, effects = 0;
    const auto started = std::chrono::steady_clock::now();
    while (decided < decisions) effects += walk_once(seminar, walk, decisions, decided).effects;
    const std::chrono::duration<double> seconds = std::chrono::steady_clock::now() - started;

    std::cout << boost::json::serialize(boost::json::object{
                     {"engine", "seminarflow"},
                     {"decisions", decided},
                     {"seconds", seconds.count()},
                     {"decisions_per_second", static_cast<std::int64_t>(static_cast<double>(decided) / seconds.count())},
                     {"effects", effects}})
              << '\n';
    return 0;
}
