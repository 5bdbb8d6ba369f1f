// Events with any payload against the shipped workflows (engine/interpreter). The input is a line
// "WORKFLOW STATE EVENT ROLE" (role: admin, organiser, member, reviewer, viewer or system), then a
// JSON object {"data": {...}, "payload": {...}, "parent_data": {...}}: the instance's data as it
// might be stored, and what the caller sent. decide() must refuse or decide, never crash or
// throw; a decision moves to a state of the definition and sets only data fields it declares.
// The same data is also given to start(), as POST /v1/instances gives it.
#include <boost/json/parse.hpp>

#include <sstream>

#include "engine/interpreter/interpreter.hpp"
#include "tests/fuzz/fuzz_support.hpp"

using namespace seminarflow;

namespace {

struct Header {
    std::string workflow;
    std::string state;
    std::string event;
    std::string role;
};

Header read_header(std::string_view line) {
    std::istringstream words{std::string(line)};
    Header header;
    words >> header.workflow >> header.state >> header.event >> header.role;
    return header;
}

Role read_role(std::string_view name) {
    if (name == "system") return Role::system;
    return parse_api_role(name).value_or(Role::viewer);
}

boost::json::object member_object(const boost::json::object& envelope, std::string_view name) {
    const auto* found = envelope.if_contains(name);
    return found && found->is_object() ? found->get_object() : boost::json::object{};
}

void require_sound(const Outcome& outcome, const Definition& definition, std::size_t from) {
    const auto* decision = std::get_if<Decision>(&outcome);
    if (!decision) {
        fuzz::require(!std::get<Rejection>(outcome).message.empty(), "a rejection says why");
        return;
    }
    fuzz::require(decision->from == from, "a decision starts from the instance's state");
    fuzz::require(decision->to < definition.states.size(), "a decision moves to one of the definition's states");
    for (const auto& [field, value] : decision->data_patch) {
        fuzz::require(definition.find_field(field) != nullptr, "a decision sets only declared data fields");
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto [line, document] = fuzz::first_line(fuzz::as_text(data, size));
    const Header header = read_header(line);
    const Definition* definition = fuzz::shipped_definitions().catalogue.find(header.workflow);
    if (!definition) return 0;

    boost::system::error_code error;
    const boost::json::value parsed = boost::json::parse(document, error);
    if (error || !parsed.is_object()) return 0;  // the API refuses such bodies before any workflow sees them
    const boost::json::object& envelope = parsed.get_object();

    const State* state = definition->find_state(header.state);
    const std::size_t state_index = state ? definition->state_by_name.at(state->name) : definition->initial;
    const Time now = *parse_rfc3339("2026-08-04T01:30:00Z");

    Instance instance;
    instance.id = "0190f0e0-0000-7000-8000-000000000001";
    instance.workflow = definition->name;
    instance.definition_version = definition->version;
    instance.state = definition->states[state_index].name;
    instance.data = member_object(envelope, "data");
    if (envelope.contains("parent_data")) instance.parent_data = member_object(envelope, "parent_data");

    const Event event{header.event, member_object(envelope, "payload"), Actor{"fuzz", read_role(header.role)}};
    require_sound(decide(*definition, instance, event, now), *definition, state_index);

    instance.state = definition->states[definition->initial].name;
    require_sound(start(*definition, instance, now), *definition, definition->initial);
    return 0;
}
