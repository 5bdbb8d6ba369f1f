#pragma once
// Compares what a decision does with what a scenario expects: its effects, in order, and the
// data fields it must leave. Each answers with the first difference, for a person to read.
#include <boost/json/object.hpp>
#include <optional>
#include <string>
#include <vector>

#include "engine/model/effect.hpp"
#include "workflows/scenario.hpp"

namespace seminarflow::test {

// Every effect, in order: an expected spawn with a count stands for that many children in a
// row. Nothing more and nothing less, so a notification added to a definition is noticed.
std::optional<std::string> match_effects(const std::vector<ExpectedEffect>& expected, const std::vector<Effect>& actual);

// Each field of `expected` holds the same value in `actual`; a null means the field is not set.
std::optional<std::string> match_fields(const boost::json::object& expected, const boost::json::object& actual,
                                        const std::string& what);

// "notify seminar.planned to [chair, organiser]; schedule not_ready_warning at ... -> not_ready"
std::string describe_effects(const std::vector<Effect>& effects);

}  // namespace seminarflow::test
