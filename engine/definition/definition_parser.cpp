#include "engine/definition/definition_parser.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <deque>
#include <filesystem>

#include "engine/definition/behaviour_parser.hpp"
#include "engine/definition/suggest.hpp"
#include "engine/definition/type_checker.hpp"
#include "engine/definition/yaml_mapping.hpp"

namespace seminarflow {
namespace {

bool is_name(std::string_view text) {
    if (text.empty() || !(text[0] >= 'a' && text[0] <= 'z')) return false;
    for (const char c : text) {
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
    }
    return true;
}

bool check_name(const YAML::Node& node, std::string_view what, DiagnosticSink& sink) {
    if (is_name(node.Scalar())) return true;
    sink.error(location_of(node), std::string(what) + " '" + node.Scalar() +
                                      "' must be lower_snake_case (a-z, 0-9, _), starting with a letter");
    return false;
}

std::optional<FieldSpec> parse_field(const YAML::Node& key, const YAML::Node& value, DiagnosticSink& sink) {
    FieldSpec field;
    field.name = key.Scalar();
    if (!check_name(key, "field", sink)) return std::nullopt;
    const std::string what = "field '" + field.name + "'";
    // Never assign one YAML::Node to another: yaml-cpp would overwrite the node referred to.
    const YAML::Node type_node = value.IsMap() ? value["type"] : value;
    if (value.IsMap()) {
        if (!check_mapping(value, what, {"type", "optional", "one_of", "default", "description"}, sink)) {
            return std::nullopt;
        }
        if (value["optional"].IsDefined()) {
            auto optional = read_boolean(value["optional"], what + " optional", sink);
            if (!optional) return std::nullopt;
            field.optional = *optional;
        }
        if (value["one_of"].IsDefined()) {
            auto choices = read_text_list(value["one_of"], what + " one_of", sink);
            if (!choices) return std::nullopt;
            field.one_of = std::move(*choices);
        }
    }
    auto type_text = read_text(type_node, what + " type", sink);
    if (!type_text) return std::nullopt;
    if (type_text->ends_with('?')) {
        field.optional = true;
        type_text->pop_back();
    }
    const auto type = parse_type_name(*type_text);
    if (!type) {
        sink.error(location_of(type_node),
                   what + ": unknown type '" + *type_text + "'" +
                       did_you_mean(*type_text, {"string", "integer", "number", "boolean", "time", "duration", "vnd",
                                                 "array", "object"}) +
                       "; types are string, integer, number, boolean, time, duration, vnd, array, object");
        return std::nullopt;
    }
    field.type = *type;
    if (!field.one_of.empty() && field.type != ValueType::string) {
        sink.error(location_of(value), what + ": one_of lists texts, so the type must be string");
        return std::nullopt;
    }
    if (value.IsMap() && value["default"].IsDefined()) {
        const YAML::Node fallback = value["default"];
        boost::json::value json = fallback.IsScalar() ? scalar_to_json(fallback) : boost::json::value(nullptr);
        if (auto problem = type_problem(field, json)) {
            sink.error(location_of(fallback), what + " default: " + *problem);
            return std::nullopt;
        }
        field.fallback = std::move(json);
    }
    return field;
}

// The fields of a `data:` or `payload:` mapping, e.g. `starts_at: time`, `note: string?`.
std::optional<std::vector<FieldSpec>> parse_fields(const YAML::Node& node, std::string_view what, DiagnosticSink& sink) {
    if (!node.IsMap()) {
        sink.error(location_of(node), std::string(what) + " must map field names to types, e.g. `starts_at: time`");
        return std::nullopt;
    }
    std::vector<FieldSpec> fields;
    bool clean = true;
    for (const auto& entry : node) {
        auto field = parse_field(entry.first, entry.second, sink);
        if (!field) {
            clean = false;
            continue;
        }
        for (const auto& existing : fields) {
            if (existing.name == field->name) {
                sink.error(location_of(entry.first), "field '" + field->name + "' is given twice in " + std::string(what));
                clean = false;
            }
        }
        fields.push_back(std::move(*field));
    }
    if (!clean) return std::nullopt;
    return fields;
}

// yaml-cpp 0.7 refuses a `?` inside a plain scalar in a flow collection (`{note: string?}`),
// which YAML allows and which is how the language writes an optional field. Say how to write it.
std::string yaml_hint(std::string_view text, const YAML::Mark& mark) {
    const auto at = static_cast<std::size_t>(mark.pos);
    if (mark.pos < 0 || at >= text.size() || text[at] != '?') return "";
    return " (inside {...} or [...], put an optional type in quotes: 'string?')";
}

class DefinitionParser {
public:
    DefinitionParser(const LoadContext& context, DiagnosticSink& sink) : context_(context), sink_(sink) {}

    std::optional<Definition> parse(const SourceFile& file, const YAML::Node& root) {
        if (!check_mapping(root, "a workflow definition",
                           {"name", "version", "title", "description", "initial", "parents", "participants", "data",
                            "states"},
                           sink_)) {
            return std::nullopt;
        }
        definition_.file = file.path;
        definition_.source = file.text;
        if (!required_keys(root)) return std::nullopt;
        if (!header(file, root)) return std::nullopt;
        if (root["data"].IsDefined()) {
            auto data = parse_fields(root["data"], "data", sink_);
            if (!data) return std::nullopt;
            definition_.data = std::move(*data);
            for (std::size_t i = 0; i < definition_.data.size(); ++i) definition_.field_by_name[definition_.data[i].name] = i;
        }
        if (!states(root["states"])) return std::nullopt;
        if (!initial(root["initial"])) return std::nullopt;
        check_reachability();
        if (!sink_.empty()) return std::nullopt;
        return std::move(definition_);
    }

private:
    // A key that is not there has no line of its own: the refusal points at the mapping that
    // lacks it, so that every diagnostic carries file:line:column. Reports every missing key.
    bool required_keys(const YAML::Node& root) {
        bool complete = true;
        for (const auto& [key, explanation] :
             {std::pair{"name", ", its lower_snake_case name (the file is named after it)"},
              std::pair{"version", ", e.g. `version: 1`"},
              std::pair{"initial", ", the state a new instance starts in"},
              std::pair{"states", ", a mapping of state names to states"}}) {
            if (root[key].IsDefined()) continue;
            sink_.error(location_of(root), "a workflow needs `" + std::string(key) + ":`" + explanation);
            complete = false;
        }
        return complete;
    }

    bool header(const SourceFile& file, const YAML::Node& root) {
        auto name = read_text(root["name"], "name", sink_);
        if (!name || !check_name(root["name"], "workflow name", sink_)) return false;
        definition_.name = *name;
        definition_.where = location_of(root["name"]);
        const std::string stem = std::filesystem::path(file.path).stem().string();
        if (stem != *name) {
            sink_.error(location_of(root["name"]), "workflow '" + *name + "' must live in a file named " + *name +
                                                       ".yaml, not " + std::filesystem::path(file.path).filename().string());
        }
        auto version = read_integer(root["version"], "version", sink_);
        if (!version) return false;
        if (*version < 1) {
            sink_.error(location_of(root["version"]), "version must be 1 or more");
            return false;
        }
        definition_.version = static_cast<int>(*version);
        if (root["title"].IsDefined()) {
            auto title = read_text(root["title"], "title", sink_);
            if (!title) return false;
            definition_.title = *title;
        }
        for (const auto& [key, target] : {std::pair{"parents", &definition_.parents},
                                          std::pair{"participants", &definition_.participants}}) {
            if (!root[key].IsDefined()) continue;
            auto names = read_text_list(root[key], key, sink_);
            if (!names) return false;
            *target = std::move(*names);
        }
        definition_.parents_where = location_of(root["parents"]);
        return true;
    }

    bool states(const YAML::Node& node) {
        if (!node.IsDefined() || !node.IsMap() || node.size() == 0) {
            sink_.error(location_of(node), "a workflow needs `states:`, a mapping of state names to states");
            return false;
        }
        // First the names, so that targets can point forward.
        for (const auto& entry : node) {
            const std::string name = entry.first.Scalar();
            if (!check_name(entry.first, "state", sink_)) continue;
            if (definition_.state_by_name.contains(name)) {
                sink_.error(location_of(entry.first), "state '" + name + "' is defined twice");
                continue;
            }
            definition_.state_by_name[name] = definition_.states.size();
            State state;
            state.name = name;
            state.where = location_of(entry.first);
            definition_.states.push_back(std::move(state));
            state_names_.push_back(name);
        }
        if (!sink_.empty()) return false;
        std::size_t index = 0;
        for (const auto& entry : node) state(definition_.states[index++], entry.second);
        return sink_.empty();
    }

    void state(State& state, const YAML::Node& node) {
        const std::string what = "state '" + state.name + "'";
        if (node.IsNull()) {
            sink_.error(state.where, what + " is empty: give it `on:` events, or `type: final`");
            return;
        }
        if (!check_mapping(node, what, {"type", "description", "entry", "timers", "on"}, sink_)) return;
        if (node["type"].IsDefined()) {
            auto type = read_text(node["type"], what + " type", sink_);
            if (type && *type != "final") sink_.error(location_of(node["type"]), what + ": the only state type is `final`");
            state.final = type && *type == "final";
        }
        if (node["entry"].IsDefined()) actions(node["entry"], what + " entry", state.entry);
        if (node["timers"].IsDefined()) timers(state, node["timers"]);
        if (node["on"].IsDefined()) transitions(state, node["on"]);
        // Judged on the events written, not those parsed: an event refused for a typo has been
        // reported already, and must not also make its state look like a dead end.
        const std::vector<std::string> events = declared_events(node["on"]);
        if (state.final && (!events.empty() || !state.timers.empty())) {
            sink_.error(state.where, what + " is final: it can have no events and no timers");
        }
        const bool on_malformed = node["on"].IsDefined() && !node["on"].IsMap();  // reported by transitions()
        if (!state.final && events.empty() && !on_malformed) {
            sink_.error(state.where, what + " has no way out: give it `on:` events, or mark it `type: final`");
        }
        for (const auto& timer : state.timers) {
            if (std::find(events.begin(), events.end(), timer.event) == events.end()) {
                sink_.error(timer.where, "timer '" + timer.name + "' fires '" + timer.event + "', which " + what +
                                             " does not handle" + did_you_mean(timer.event, events));
            }
        }
    }

    static std::vector<std::string> declared_events(const YAML::Node& on) {
        std::vector<std::string> events;
        if (!on.IsDefined() || !on.IsMap()) return events;
        for (const auto& entry : on) events.push_back(entry.first.Scalar());
        return events;
    }

    void timers(State& state, const YAML::Node& node) {
        if (!node.IsMap()) {
            sink_.error(location_of(node), "timers must map timer names to {at|after, event}");
            return;
        }
        for (const auto& entry : node) {
            if (!check_name(entry.first, "timer", sink_)) continue;
            auto timer = parse_timer(entry.first.Scalar(), entry.second, sink_);
            if (timer) state.timers.push_back(std::move(*timer));
        }
    }

    void transitions(State& state, const YAML::Node& node) {
        if (!node.IsMap()) {
            sink_.error(location_of(node), "`on:` must map event names to transitions");
            return;
        }
        for (const auto& entry : node) {
            const std::string event = entry.first.Scalar();
            if (!check_name(entry.first, "event", sink_)) continue;
            if (state.transition_by_event.contains(event)) {
                sink_.error(location_of(entry.first), "event '" + event + "' is listed twice in state '" +
                                                          state.name + "': one event, one transition");
                continue;
            }
            auto parsed = transition(event, entry.second);
            if (!parsed) continue;
            state.transition_by_event[event] = state.transitions.size();
            state.transitions.push_back(std::move(*parsed));
        }
    }

    std::optional<Transition> transition(const std::string& event, const YAML::Node& node) {
        const std::string what = "event '" + event + "'";
        Transition transition;
        transition.event = event;
        transition.where = location_of(node);
        if (node.IsNull()) return transition;  // `cancel:` alone: an internal event, admin only
        if (!check_mapping(node, what, {"target", "roles", "payload", "assign", "guard", "actions", "description"},
                           sink_)) {
            return std::nullopt;
        }
        if (node["target"].IsDefined()) {
            auto target = read_text(node["target"], what + " target", sink_);
            if (!target) return std::nullopt;
            const auto found = definition_.state_by_name.find(*target);
            if (found == definition_.state_by_name.end()) {
                sink_.error(location_of(node["target"]), what + " goes to state '" + *target +
                                                             "', which does not exist" +
                                                             did_you_mean(*target, state_names_));
                return std::nullopt;
            }
            transition.target = found->second;
        }
        if (node["roles"].IsDefined() && !roles(node["roles"], what, transition.roles)) return std::nullopt;
        if (node["payload"].IsDefined()) {
            auto payload = parse_fields(node["payload"], what + " payload", sink_);
            if (!payload) return std::nullopt;
            transition.payload = std::move(*payload);
        }
        if (node["assign"].IsDefined() && !assign(node["assign"], what, transition)) return std::nullopt;
        if (node["guard"].IsDefined()) {
            if (!node["guard"].IsSequence()) {
                sink_.error(location_of(node["guard"]), what + " guard must be a list of conditions");
                return std::nullopt;
            }
            for (const auto& item : node["guard"]) {
                auto condition = parse_condition(item, context_, sink_);
                if (!condition) return std::nullopt;
                transition.guard.push_back(std::move(*condition));
            }
        }
        if (node["actions"].IsDefined() && !actions(node["actions"], what + " actions", transition.actions)) {
            return std::nullopt;
        }
        return transition;
    }

    bool roles(const YAML::Node& node, const std::string& what, RoleSet& roles) {
        auto names = read_text_list(node, what + " roles", sink_);
        if (!names) return false;
        for (const auto& name : *names) {
            const auto role = parse_api_role(name);
            if (!role) {
                sink_.error(location_of(node), what + ": unknown role '" + name + "'" +
                                                   did_you_mean(name, {"admin", "organiser", "member", "reviewer", "viewer"}) +
                                                   "; roles are admin, organiser, member, reviewer, viewer");
                return false;
            }
            roles.add(*role);
        }
        return true;
    }

    bool assign(const YAML::Node& node, const std::string& what, Transition& transition) {
        std::vector<std::string> fields;
        if (node.IsScalar() && node.Scalar() == "all") {
            for (const auto& field : transition.payload) fields.push_back(field.name);
        } else {
            auto names = read_text_list(node, what + " assign", sink_);
            if (!names) return false;
            fields = std::move(*names);
        }
        for (const auto& name : fields) {
            const FieldSpec* data_field = definition_.find_field(name);
            const auto payload_field = std::find_if(transition.payload.begin(), transition.payload.end(),
                                                    [&](const FieldSpec& field) { return field.name == name; });
            if (payload_field == transition.payload.end()) {
                sink_.error(location_of(node), what + " assigns '" + name + "', which is not in its payload");
                return false;
            }
            if (!data_field) {
                sink_.error(location_of(node), what + " assigns '" + name + "', which is not a data field of " +
                                                   definition_.name + ": declare it under `data:`");
                return false;
            }
            if (!assignable(data_field->type, payload_field->type)) {
                sink_.error(location_of(node), what + " assigns payload." + name + " (" +
                                                   std::string(type_name(payload_field->type)) + ") to data field " +
                                                   name + " (" + std::string(type_name(data_field->type)) + ")");
                return false;
            }
        }
        transition.assign = std::move(fields);
        return true;
    }

    bool actions(const YAML::Node& node, const std::string& what, std::vector<Action>& out) {
        if (!node.IsSequence()) {
            sink_.error(location_of(node), what + " must be a list of actions");
            return false;
        }
        bool clean = true;
        for (const auto& item : node) {
            auto action = parse_action(item, context_, sink_);
            if (!action) {
                clean = false;
                continue;
            }
            if (const auto* notify = std::get_if<NotifyAction>(&action->kind)) check_notify(*notify, action->where);
            if (const auto* compute = std::get_if<ComputeAction>(&action->kind)) check_compute(*compute, action->where);
            out.push_back(std::move(*action));
        }
        return clean;
    }

    // The computation answers the fields it declares: each must be a data field of that type.
    void check_compute(const ComputeAction& compute, SourceLocation where) {
        for (const auto& [field, type] : compute.computation.sets) {
            const FieldSpec* spec = definition_.find_field(field);
            if (!spec) {
                sink_.error(where, "compute " + compute.name + " sets '" + field + "' (" + a_type_name(type) +
                                       "), which is not a data field of " + definition_.name);
            } else if (spec->type != type) {
                sink_.error(where, "compute " + compute.name + " sets '" + field + "' to " + a_type_name(type) +
                                       ", but " + definition_.name + " declares it " + a_type_name(spec->type));
            }
        }
    }

    void check_notify(const NotifyAction& notify, SourceLocation where) {
        for (const auto& audience : notify.audience) {
            if (std::find(definition_.participants.begin(), definition_.participants.end(), audience) ==
                definition_.participants.end()) {
                sink_.error(where, "notify names audience '" + audience + "', which is not among the participants " +
                                       definition_.name + " declares" + did_you_mean(audience, definition_.participants));
            }
        }
        // A placeholder with no field behind it would reach every participant as a blank.
        const auto used = context_.templates.find(notify.template_name);
        if (used == context_.templates.end()) return;
        for (const auto& field : used->second) {
            if (definition_.find_field(field)) continue;
            std::string message = "template '" + notify.template_name + "' uses {{" + field +
                                  "}}, which is not a data field of " + definition_.name +
                                  did_you_mean(field, data_field_names());
            if (context_.placeholders == PlaceholderCheck::warn) {
                sink_.warning(where, std::move(message) + " (its messages show it as a dash)");
            } else {
                sink_.error(where, std::move(message));
            }
        }
    }

    std::vector<std::string> data_field_names() const {
        std::vector<std::string> names;
        for (const auto& field : definition_.data) names.push_back(field.name);
        return names;
    }

    bool initial(const YAML::Node& node) {
        auto name = read_text(node, "initial (the state a new instance starts in)", sink_);
        if (!name) return false;
        const auto found = definition_.state_by_name.find(*name);
        if (found == definition_.state_by_name.end()) {
            sink_.error(location_of(node), "initial state '" + *name + "' does not exist" + did_you_mean(*name, state_names_));
            return false;
        }
        definition_.initial = found->second;
        return true;
    }

    void check_reachability() {
        std::vector<bool> reached(definition_.states.size(), false);
        std::deque<std::size_t> queue{definition_.initial};
        reached[definition_.initial] = true;
        while (!queue.empty()) {
            const State& state = definition_.states[queue.front()];
            queue.pop_front();
            for (const auto& transition : state.transitions) {
                if (transition.target && !reached[*transition.target]) {
                    reached[*transition.target] = true;
                    queue.push_back(*transition.target);
                }
            }
        }
        for (std::size_t i = 0; i < reached.size(); ++i) {
            if (!reached[i]) {
                sink_.error(definition_.states[i].where, "state '" + definition_.states[i].name +
                                                             "' cannot be reached from the initial state '" +
                                                             definition_.states[definition_.initial].name + "'");
            }
        }
    }

    const LoadContext& context_;
    DiagnosticSink& sink_;
    Definition definition_;
    std::vector<std::string> state_names_;
};

}  // namespace

std::optional<Definition> parse_definition(const SourceFile& file, const LoadContext& context, DiagnosticSink& sink) {
    YAML::Node root;
    try {
        root = YAML::Load(file.text);
    } catch (const YAML::Exception& error) {
        sink.error({error.mark.line + 1, error.mark.column + 1},
                   "not valid YAML: " + error.msg + yaml_hint(file.text, error.mark));
        return std::nullopt;
    }
    return DefinitionParser(context, sink).parse(file, root);
}

}  // namespace seminarflow
