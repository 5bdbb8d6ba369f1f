#pragma once
// Text to expression trees (docs/workflow-language.md, "Expressions"). Parsing only: the types
// are checked later (type_checker.hpp), once every definition a term may read is known.
#include <cstddef>
#include <string>
#include <string_view>

#include "engine/model/expression.hpp"
#include "engine/model/result.hpp"

namespace seminarflow {

struct ExpressionError {
    std::size_t offset = 0;  // byte offset into the text, to point at the column
    std::string message;
};

Result<Expression, ExpressionError> parse_expression(std::string_view text);
// `left OP right`, where OP is one of == != < <= > >=.
Result<Comparison, ExpressionError> parse_comparison(std::string_view text);

}  // namespace seminarflow
