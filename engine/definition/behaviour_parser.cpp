#include "engine/definition/behaviour_parser.hpp"

#include <yaml-cpp/yaml.h>

#include "engine/definition/expression_parser.hpp"
#include "engine/definition/suggest.hpp"
#include "engine/definition/yaml_mapping.hpp"

namespace seminarflow {
namespace {

SourceLocation shifted(SourceLocation where, std::size_t offset) {
    if (where.line > 0) where.column += static_cast<int>(offset);
    return where;
}

std::vector<std::string> names_of(const auto& map) {
    std::vector<std::string> names;
    for (const auto& entry : map) names.push_back(std::string(entry.first));
    return names;
}

std::optional<std::vector<FieldExpression>> parse_field_expressions(const YAML::Node& node, std::string_view what,
                                                                     DiagnosticSink& sink) {
    if (!node.IsMap()) {
        sink.error(location_of(node), std::string(what) + " must map field names to expressions");
        return std::nullopt;
    }
    std::vector<FieldExpression> fields;
    bool clean = true;
    for (const auto& entry : node) {
        const std::string& name = entry.first.Scalar();
        if (std::any_of(fields.begin(), fields.end(), [&](const FieldExpression& field) { return field.field == name; })) {
            sink.error(location_of(entry.first), "field '" + name + "' is given twice in " + std::string(what));
            clean = false;
            continue;
        }
        auto expression = parse_expression_node(entry.second, what, sink);
        if (!expression) {
            clean = false;
            continue;
        }
        fields.push_back({entry.first.Scalar(), std::move(*expression)});
    }
    if (!clean) return std::nullopt;
    return fields;
}

std::optional<ChildCountCondition> parse_children(const YAML::Node& node, DiagnosticSink& sink) {
    if (!check_mapping(node, "a children condition", {"workflow", "in", "not_in", "min", "max"}, sink)) {
        return std::nullopt;
    }
    ChildCountCondition condition;
    auto workflow = read_text(node["workflow"], "children.workflow", sink);
    if (!workflow) return std::nullopt;
    condition.workflow = *workflow;
    if (node["in"].IsDefined() == node["not_in"].IsDefined()) {
        sink.error(location_of(node), "a children condition names the states with exactly one of `in:` or `not_in:`");
        return std::nullopt;
    }
    condition.outside = node["not_in"].IsDefined();
    auto states = read_text_list(node[condition.outside ? "not_in" : "in"], "children states", sink);
    if (!states) return std::nullopt;
    condition.states = std::move(*states);
    if (!node["min"].IsDefined() && !node["max"].IsDefined()) {
        sink.error(location_of(node), "a children condition needs `min:`, `max:` or both");
        return std::nullopt;
    }
    for (const char* bound : {"min", "max"}) {
        if (!node[bound].IsDefined()) continue;
        auto expression = parse_expression_node(node[bound], std::string("children.") + bound, sink);
        if (!expression) return std::nullopt;
        (std::string_view(bound) == "min" ? condition.min : condition.max) = std::move(*expression);
    }
    condition.source = "children of " + condition.workflow + (condition.outside ? " not in [" : " in [");
    for (std::size_t i = 0; i < condition.states.size(); ++i) {
        condition.source += (i ? ", " : "") + condition.states[i];
    }
    condition.source += "]";
    if (condition.min) condition.source += " at least " + condition.min->source;
    if (condition.max) condition.source += std::string(condition.min ? " and" : "") + " at most " + condition.max->source;
    return condition;
}

std::vector<std::string> template_names(const TemplateFields& templates) {
    std::vector<std::string> names;
    for (const auto& [name, fields] : templates) names.push_back(name);
    return names;
}

std::optional<NotifyAction> parse_notify(const YAML::Node& node, const LoadContext& context, DiagnosticSink& sink) {
    NotifyAction notify;
    // Never assign one YAML::Node to another: yaml-cpp would overwrite the node referred to.
    const YAML::Node template_node = node.IsMap() ? node["template"] : node;
    if (node.IsMap()) {
        if (!check_mapping(node, "notify", {"template", "to"}, sink)) return std::nullopt;
        if (node["to"].IsDefined()) {
            auto audience = read_text_list(node["to"], "notify.to", sink);
            if (!audience) return std::nullopt;
            notify.audience = std::move(*audience);
        }
    }
    auto name = read_text(template_node, "notify template", sink);
    if (!name) return std::nullopt;
    if (!context.templates.contains(*name)) {
        sink.error(location_of(template_node),
                   "unknown template '" + *name + "': add it to config/templates/vi.yaml and en.yaml" +
                       did_you_mean(*name, template_names(context.templates)));
        return std::nullopt;
    }
    notify.template_name = std::move(*name);
    return notify;
}

std::optional<SpawnAction> parse_spawn(const YAML::Node& node, DiagnosticSink& sink) {
    if (!check_mapping(node, "spawn", {"workflow", "for_each", "data"}, sink)) return std::nullopt;
    SpawnAction spawn;
    auto workflow = read_text(node["workflow"], "spawn.workflow", sink);
    if (!workflow) return std::nullopt;
    spawn.workflow = std::move(*workflow);
    if (node["for_each"].IsDefined()) {
        spawn.for_each = parse_expression_node(node["for_each"], "spawn.for_each", sink);
        if (!spawn.for_each) return std::nullopt;
    }
    if (node["data"].IsDefined()) {
        auto data = parse_field_expressions(node["data"], "spawn.data", sink);
        if (!data) return std::nullopt;
        spawn.data = std::move(*data);
    }
    return spawn;
}

std::optional<SignalParentAction> parse_signal(const YAML::Node& node, DiagnosticSink& sink) {
    SignalParentAction signal;
    const YAML::Node event_node = node.IsMap() ? node["event"] : node;
    if (node.IsMap()) {
        if (!check_mapping(node, "signal_parent", {"event", "payload"}, sink)) return std::nullopt;
        if (node["payload"].IsDefined()) {
            auto payload = parse_field_expressions(node["payload"], "signal_parent.payload", sink);
            if (!payload) return std::nullopt;
            signal.payload = std::move(*payload);
        }
    }
    auto event = read_text(event_node, "signal_parent.event", sink);
    if (!event) return std::nullopt;
    signal.event = std::move(*event);
    return signal;
}

std::optional<ComputeAction> parse_compute(const YAML::Node& node, const LoadContext& context, DiagnosticSink& sink) {
    auto name = read_text(node, "compute", sink);
    if (!name) return std::nullopt;
    const auto found = context.named.computations.find(*name);
    if (found == context.named.computations.end()) {
        sink.error(location_of(node), "unknown computation '" + *name + "'" +
                                          did_you_mean(*name, names_of(context.named.computations)));
        return std::nullopt;
    }
    return ComputeAction{*name, found->second};
}

}  // namespace

std::optional<Expression> parse_expression_node(const YAML::Node& node, std::string_view what, DiagnosticSink& sink) {
    auto text = read_text(node, what, sink);
    if (!text) return std::nullopt;
    auto expression = parse_expression(*text);
    if (!expression) {
        sink.error(shifted(location_of(node), expression.error().offset),
                   std::string(what) + ": " + expression.error().message);
        return std::nullopt;
    }
    return std::move(expression).value();
}

std::optional<Condition> parse_condition(const YAML::Node& node, const LoadContext& context, DiagnosticSink& sink) {
    if (!node.IsMap() || node.size() != 1) {
        sink.error(location_of(node), "a guard condition is one of `check:`, `children:` or `named:`");
        return std::nullopt;
    }
    if (!check_mapping(node, "a guard condition", {"check", "children", "named"}, sink)) return std::nullopt;
    const auto entry = *node.begin();
    const std::string kind = entry.first.Scalar();
    const SourceLocation where = location_of(entry.second);
    if (kind == "check") {
        auto text = read_text(entry.second, "check", sink);
        if (!text) return std::nullopt;
        auto comparison = parse_comparison(*text);
        if (!comparison) {
            sink.error(shifted(where, comparison.error().offset), "check: " + comparison.error().message);
            return std::nullopt;
        }
        return Condition{std::move(comparison).value(), where};
    }
    if (kind == "children") {
        auto children = parse_children(entry.second, sink);
        if (!children) return std::nullopt;
        return Condition{std::move(*children), where};
    }
    auto name = read_text(entry.second, "named guard", sink);
    if (!name) return std::nullopt;
    const auto found = context.named.guards.find(*name);
    if (found == context.named.guards.end()) {
        sink.error(where, "unknown named guard '" + *name + "'" + did_you_mean(*name, names_of(context.named.guards)));
        return std::nullopt;
    }
    return Condition{NamedCondition{*name, found->second}, where};
}

std::optional<Action> parse_action(const YAML::Node& node, const LoadContext& context, DiagnosticSink& sink) {
    if (!node.IsMap() || node.size() != 1) {
        sink.error(location_of(node), "an action is one of `notify:`, `set:`, `spawn:`, `signal_parent:` or `compute:`");
        return std::nullopt;
    }
    if (!check_mapping(node, "an action", {"notify", "set", "spawn", "signal_parent", "compute"}, sink)) {
        return std::nullopt;
    }
    const auto entry = *node.begin();
    const std::string kind = entry.first.Scalar();
    const SourceLocation where = location_of(entry.second);
    if (kind == "notify") {
        auto notify = parse_notify(entry.second, context, sink);
        if (!notify) return std::nullopt;
        return Action{std::move(*notify), where};
    }
    if (kind == "set") {
        auto fields = parse_field_expressions(entry.second, "set", sink);
        if (!fields) return std::nullopt;
        return Action{SetAction{std::move(*fields)}, where};
    }
    if (kind == "spawn") {
        auto spawn = parse_spawn(entry.second, sink);
        if (!spawn) return std::nullopt;
        return Action{std::move(*spawn), where};
    }
    if (kind == "compute") {
        auto compute = parse_compute(entry.second, context, sink);
        if (!compute) return std::nullopt;
        return Action{std::move(*compute), where};
    }
    auto signal = parse_signal(entry.second, sink);
    if (!signal) return std::nullopt;
    return Action{std::move(*signal), where};
}

std::optional<TimerSpec> parse_timer(const std::string& name, const YAML::Node& node, DiagnosticSink& sink) {
    const std::string what = "timer '" + name + "'";
    if (!check_mapping(node, what, {"at", "after", "event"}, sink)) return std::nullopt;
    TimerSpec timer;
    timer.name = name;
    timer.where = location_of(node);
    if (node["at"].IsDefined() == node["after"].IsDefined()) {
        sink.error(timer.where, what + " needs exactly one of `at:` (a time) or `after:` (a duration)");
        return std::nullopt;
    }
    if (node["at"].IsDefined()) {
        timer.at = parse_expression_node(node["at"], what + " at", sink);
        if (!timer.at) return std::nullopt;
        for (const auto& term : timer.at->terms) {
            if (term.operand.scope == Scope::data) timer.anchors.push_back(term.operand.field);
        }
    } else {
        auto text = read_text(node["after"], what + " after", sink);
        if (!text) return std::nullopt;
        timer.after = parse_duration(*text);
        if (!timer.after) {
            sink.error(location_of(node["after"]),
                       what + ": '" + *text + "' is not a valid duration (write e.g. 30m, 2h, 1d12h, 2w)");
            return std::nullopt;
        }
    }
    auto event = read_text(node["event"], what + " event", sink);
    if (!event) return std::nullopt;
    timer.event = std::move(*event);
    return timer;
}

}  // namespace seminarflow
