#include "adapters/http/workflow_json.hpp"

#include <boost/json/array.hpp>

namespace seminarflow::http {
namespace {

boost::json::array fields_json(const std::vector<FieldSpec>& fields) {
    boost::json::array list;
    for (const auto& field : fields) {
        boost::json::object item{{"name", field.name}, {"type", type_name(field.type)}, {"optional", field.optional}};
        if (!field.one_of.empty()) item["one_of"] = boost::json::array(field.one_of.begin(), field.one_of.end());
        if (field.fallback) item["default"] = *field.fallback;
        list.push_back(std::move(item));
    }
    return list;
}

boost::json::array roles_json(const RoleSet& roles) {
    boost::json::array list{"admin"};
    for (const Role role : {Role::organiser, Role::member, Role::reviewer, Role::viewer}) {
        if (roles.contains(role)) list.push_back(boost::json::string(role_name(role)));
    }
    return list;
}

}  // namespace

boost::json::object transition_json(const Definition& definition, const State& state, const Transition& transition) {
    boost::json::object event{
        {"event", transition.event},
        {"target", definition.states[transition.target.value_or(definition.state_by_name.at(state.name))].name},
        {"roles", roles_json(transition.roles)},
        {"payload", fields_json(transition.payload)}};
    boost::json::array guard;
    for (const auto& condition : transition.guard) {
        std::visit(
            [&](const auto& test) {
                using T = std::decay_t<decltype(test)>;
                if constexpr (std::is_same_v<T, NamedCondition>) {
                    guard.push_back(boost::json::string(test.name));
                } else {
                    guard.push_back(boost::json::string(test.source));
                }
            },
            condition.test);
    }
    if (!guard.empty()) event["guard"] = std::move(guard);
    return event;
}

namespace {

boost::json::object state_json(const Definition& definition, const State& state) {
    boost::json::array events;
    for (const auto& transition : state.transitions) events.push_back(transition_json(definition, state, transition));
    boost::json::array timers;
    for (const auto& timer : state.timers) {
        boost::json::object item{{"name", timer.name}, {"event", timer.event}};
        if (timer.at) item["at"] = timer.at->source;
        if (timer.after) item["after"] = format_duration(*timer.after);
        timers.push_back(std::move(item));
    }
    return {{"name", state.name}, {"final", state.final}, {"events", std::move(events)}, {"timers", std::move(timers)}};
}

}  // namespace

boost::json::object workflow_summary_json(const Definition& definition) {
    boost::json::array states;
    for (const auto& state : definition.states) states.push_back(boost::json::string(state.name));
    return {{"name", definition.name},
            {"version", definition.version},
            {"title", definition.title},
            {"initial", definition.states[definition.initial].name},
            {"states", std::move(states)}};
}

boost::json::object workflow_json(const Definition& definition) {
    boost::json::object body = workflow_summary_json(definition);
    boost::json::array states;
    for (const auto& state : definition.states) states.push_back(state_json(definition, state));
    body["states"] = std::move(states);
    body["parents"] = boost::json::array(definition.parents.begin(), definition.parents.end());
    body["participants"] = boost::json::array(definition.participants.begin(), definition.participants.end());
    body["data"] = fields_json(definition.data);
    return body;
}

}  // namespace seminarflow::http
