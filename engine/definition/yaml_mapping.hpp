#pragma once
// Reading YAML strictly: every mapping lists the keys it accepts, and a key that is unknown or
// given twice is an error with its line. Shared by workflow definitions and the config file.
#include <yaml-cpp/node/node.h>

#include <boost/json/value.hpp>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

#include "engine/definition/diagnostics.hpp"

namespace seminarflow {

SourceLocation location_of(const YAML::Node& node);

// Checks that `node` is a mapping whose keys are all in `allowed`, none given twice. `what`
// names the mapping in messages ("state 'draft'"). Reports every problem; false if any.
bool check_mapping(const YAML::Node& node, std::string_view what, std::initializer_list<std::string_view> allowed,
                   DiagnosticSink& sink);

// A scalar's text, or an error saying that `what` must be text.
std::optional<std::string> read_text(const YAML::Node& node, std::string_view what, DiagnosticSink& sink);
std::optional<long long> read_integer(const YAML::Node& node, std::string_view what, DiagnosticSink& sink);
std::optional<bool> read_boolean(const YAML::Node& node, std::string_view what, DiagnosticSink& sink);
// A list of texts; a single text is taken as a list of one.
std::optional<std::vector<std::string>> read_text_list(const YAML::Node& node, std::string_view what,
                                                       DiagnosticSink& sink);

// A YAML scalar as the JSON value it reads as: plain `42` is a number, `'42'` (quoted) is text.
boost::json::value scalar_to_json(const YAML::Node& node);

}  // namespace seminarflow
