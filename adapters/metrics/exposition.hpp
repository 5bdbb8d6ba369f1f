#pragma once
// The pieces of Prometheus' text exposition format 0.0.4 that need care: escaping, and numbers as
// Prometheus parses them. Pure functions; metrics.cpp assembles the lines.
// https://prometheus.io/docs/instrumenting/exposition_formats/#text-based-format
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace seminarflow::metrics {

// The Content-Type a scraper expects for this format.
inline constexpr std::string_view content_type = "text/plain; version=0.0.4; charset=utf-8";

// A label value between double quotes: backslash, double quote and line feed escaped.
std::string escape_label_value(std::string_view value);
// A HELP text: backslash and line feed escaped (a double quote stays as it is).
std::string escape_help(std::string_view text);

// A sample value: the shortest text that reads back as the same double; +Inf, -Inf and NaN as
// Prometheus spells them.
std::string format_value(double value);
std::string format_value(std::uint64_t value);

// Metric names [a-zA-Z_:][a-zA-Z0-9_:]*; label names [a-zA-Z_][a-zA-Z0-9_]*, not starting "__"
// (reserved for Prometheus itself).
bool valid_metric_name(std::string_view name);
bool valid_label_name(std::string_view name);

// {name="value",...}, or nothing without labels. `extra` is one more label appended (a
// histogram's le), left out when its name is empty.
std::string label_set(std::span<const std::string> names, std::span<const std::string> values,
                      std::string_view extra_name = {}, std::string_view extra_value = {});

}  // namespace seminarflow::metrics
