#pragma once
// Expressions of the workflow language, parsed and type-checked when a definition loads
// (docs/workflow-language.md): a sum of terms, optionally compared with another sum.
#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "engine/model/field.hpp"
#include "engine/model/time.hpp"

namespace seminarflow {

// Where a term reads from. `data` is this instance's data (a bare name means data too).
enum class Scope { data, payload, parent, item, now, literal };

using Literal = std::variant<std::int64_t, double, bool, std::string, Time, Duration>;

struct Operand {
    Scope scope = Scope::literal;
    std::string field;  // the field read; empty for `now`, a literal, or a whole `item`
    Literal literal;    // only for Scope::literal
    ValueType type = ValueType::any;
};

struct Term {
    bool negated = false;  // `- term`
    Operand operand;
};

struct Expression {
    std::vector<Term> terms;  // never empty
    ValueType type = ValueType::any;
    std::string source;       // as written, for messages
};

enum class CompareOp { equal, not_equal, less, less_equal, greater, greater_equal };

struct Comparison {
    Expression left;
    CompareOp op = CompareOp::equal;
    Expression right;
    std::string source;
};

std::string_view operator_text(CompareOp op);

}  // namespace seminarflow
