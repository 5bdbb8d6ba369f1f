#include "engine/definition/type_checker.hpp"

#include "engine/definition/suggest.hpp"

namespace seminarflow {
namespace {

bool is_whole(ValueType type) { return type == ValueType::integer || type == ValueType::vnd; }
bool is_numeric(ValueType type) { return is_whole(type) || type == ValueType::number; }

std::vector<std::string> names_of(const std::vector<FieldSpec>& fields) {
    std::vector<std::string> names;
    for (const auto& field : fields) names.push_back(field.name);
    return names;
}

std::optional<std::string> resolve(Operand& operand, const TypeEnvironment& environment) {
    switch (operand.scope) {
    case Scope::literal:
    case Scope::now:
        return std::nullopt;
    case Scope::item:
        if (!environment.has_item) return "'item' only has a meaning inside spawn with for_each";
        operand.type = ValueType::any;
        return std::nullopt;
    case Scope::data: {
        const FieldSpec* field = environment.definition->find_field(operand.field);
        if (!field) {
            return "'" + operand.field + "' is not a data field of " + environment.definition->name +
                   did_you_mean(operand.field, names_of(environment.definition->data));
        }
        operand.type = field->type;
        return std::nullopt;
    }
    case Scope::payload: {
        if (!environment.payload) return "there is no event payload here to read payload." + operand.field + " from";
        for (const auto& field : *environment.payload) {
            if (field.name == operand.field) {
                if (field.optional && !environment.optional_payload_readable) {
                    return "payload." + operand.field +
                           " is optional, so an action cannot compute with it (it may be absent): make it "
                           "required, or copy it into data with `assign`";
                }
                operand.type = field.type;
                return std::nullopt;
            }
        }
        return "payload." + operand.field + " is not a payload field of this event" +
               did_you_mean(operand.field, names_of(*environment.payload));
    }
    case Scope::parent: {
        if (environment.parents.empty()) {
            return "parent." + operand.field + " is read, but " + environment.definition->name +
                   " declares no parents";
        }
        std::optional<ValueType> type;
        for (const Definition* parent : environment.parents) {
            const FieldSpec* field = parent->find_field(operand.field);
            if (!field) {
                return "parent." + operand.field + ": parent workflow " + parent->name + " has no data field '" +
                       operand.field + "'" + did_you_mean(operand.field, names_of(parent->data));
            }
            if (type && !(assignable(*type, field->type) && assignable(field->type, *type))) {
                return "parent." + operand.field + " has different types in the parent workflows";
            }
            type = field->type;
        }
        operand.type = *type;
        return std::nullopt;
    }
    }
    return std::nullopt;
}

// The type of `left ± right`, or nothing when the sum has no meaning.
std::optional<ValueType> combine(ValueType left, ValueType right, bool subtract) {
    if (left == ValueType::array) return ValueType::array;  // a list with elements added or dropped
    if (left == ValueType::any || right == ValueType::any) return ValueType::any;
    if (is_numeric(left) && is_numeric(right)) {
        if (left == ValueType::number || right == ValueType::number) return ValueType::number;
        return left == ValueType::vnd && right == ValueType::vnd && !subtract ? ValueType::vnd : ValueType::integer;
    }
    if (left == ValueType::time && right == ValueType::duration) return ValueType::time;
    if (left == ValueType::time && right == ValueType::time && subtract) return ValueType::duration;
    if (left == ValueType::duration && right == ValueType::duration) return ValueType::duration;
    return std::nullopt;
}

bool comparable(ValueType left, ValueType right, CompareOp op) {
    if (left == ValueType::any || right == ValueType::any) return true;
    if (is_numeric(left) && is_numeric(right)) return true;
    const bool equality = op == CompareOp::equal || op == CompareOp::not_equal;
    if (left != right) return false;
    switch (left) {
    case ValueType::time:
    case ValueType::duration: return true;
    case ValueType::string:
    case ValueType::boolean: return equality;
    default: return false;
    }
}

}  // namespace

bool assignable(ValueType to, ValueType from) {
    if (to == ValueType::any || from == ValueType::any || to == from) return true;
    if (is_whole(to) && is_whole(from)) return true;  // an integer stored as vnd is checked when stored
    return to == ValueType::number && is_whole(from);
}

std::optional<std::string> check_expression(Expression& expression, const TypeEnvironment& environment) {
    std::optional<ValueType> type;
    for (auto& term : expression.terms) {
        if (auto problem = resolve(term.operand, environment)) return problem;
        const ValueType term_type = term.operand.type;
        if (!type) {
            if (term.negated && !is_numeric(term_type) && term_type != ValueType::duration && term_type != ValueType::any) {
                return "cannot negate " + a_type_name(term_type) + " in '" + expression.source + "'";
            }
            type = term_type;
            continue;
        }
        const auto sum = combine(*type, term_type, term.negated);
        if (!sum) {
            return "cannot " + std::string(term.negated ? "subtract " : "add ") + a_type_name(term_type) +
                   (term.negated ? " from " : " to ") + a_type_name(*type) + " in '" +
                   expression.source + "'";
        }
        type = sum;
    }
    expression.type = *type;
    return std::nullopt;
}

std::optional<std::string> check_comparison(Comparison& comparison, const TypeEnvironment& environment) {
    if (auto problem = check_expression(comparison.left, environment)) return problem;
    if (auto problem = check_expression(comparison.right, environment)) return problem;
    if (!comparable(comparison.left.type, comparison.right.type, comparison.op)) {
        return "cannot compare " + a_type_name(comparison.left.type) + " with " +
               a_type_name(comparison.right.type) + " using " +
               std::string(operator_text(comparison.op)) + " in '" + comparison.source + "'";
    }
    return std::nullopt;
}

}  // namespace seminarflow
