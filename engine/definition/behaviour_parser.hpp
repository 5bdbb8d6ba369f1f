#pragma once
// The parts of a definition that say what happens: guards, actions, timers, and the
// expressions inside them. Structure only; types are checked once all definitions are read.
#include <yaml-cpp/node/node.h>

#include <optional>
#include <string_view>

#include "engine/definition/diagnostics.hpp"
#include "engine/definition/load_context.hpp"
#include "engine/model/definition.hpp"

namespace seminarflow {

std::optional<Expression> parse_expression_node(const YAML::Node& node, std::string_view what, DiagnosticSink& sink);
std::optional<Condition> parse_condition(const YAML::Node& node, const LoadContext& context, DiagnosticSink& sink);
std::optional<Action> parse_action(const YAML::Node& node, const LoadContext& context, DiagnosticSink& sink);
std::optional<TimerSpec> parse_timer(const std::string& name, const YAML::Node& node, DiagnosticSink& sink);

}  // namespace seminarflow
