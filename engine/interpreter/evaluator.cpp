#include "engine/interpreter/evaluator.hpp"

#include <boost/json/serialize.hpp>
#include <algorithm>
#include <cmath>

namespace seminarflow {
namespace {

using Error = Failure<std::string>;

std::string scope_prefix(Scope scope) {
    switch (scope) {
    case Scope::data: return "data.";
    case Scope::payload: return "payload.";
    case Scope::parent: return "parent.";
    case Scope::item: return "item.";
    default: return "";
    }
}

// Reads a stored JSON value as the type the definition declares (already checked on the way in).
Result<Scalar, std::string> from_json(const boost::json::value& value, ValueType type, const Operand& operand) {
    const auto wrong = [&] {
        return fail(scope_prefix(operand.scope) + operand.field + " holds " + boost::json::serialize(value) +
                    ", not " + a_type_name(type));
    };
    switch (type) {
    case ValueType::integer:
    case ValueType::vnd:
        if (value.is_int64()) return Scalar{value.get_int64()};
        if (value.is_uint64() && value.get_uint64() <= static_cast<std::uint64_t>(INT64_MAX)) {
            return Scalar{static_cast<std::int64_t>(value.get_uint64())};
        }
        return wrong();
    case ValueType::number:
        if (value.is_number()) return Scalar{value.to_number<double>()};
        return wrong();
    case ValueType::boolean:
        if (value.is_bool()) return Scalar{value.get_bool()};
        return wrong();
    case ValueType::string:
        if (value.is_string()) return Scalar{std::string_view(value.get_string())};
        return wrong();
    case ValueType::time:
        if (value.is_string()) {
            if (const auto time = parse_rfc3339(value.get_string())) return Scalar{*time};
        }
        return wrong();
    case ValueType::duration:
        if (value.is_string()) {
            if (const auto duration = parse_duration(value.get_string())) return Scalar{*duration};
        }
        return wrong();
    case ValueType::array:
    case ValueType::object:
        return Scalar{&value};
    case ValueType::any:
        if (value.is_int64()) return Scalar{value.get_int64()};
        if (value.is_double()) return Scalar{value.get_double()};
        if (value.is_bool()) return Scalar{value.get_bool()};
        if (value.is_string()) return Scalar{std::string_view(value.get_string())};
        return Scalar{&value};
    }
    return wrong();
}

const boost::json::value* find(const boost::json::object* object, std::string_view key) {
    if (!object) return nullptr;
    const auto found = object->find(key);
    return found == object->end() ? nullptr : &found->value();
}

// The stored JSON value an operand names, or null for `now` and literals.
Result<const boost::json::value*, std::string> stored(const Operand& operand, const EvaluationContext& context) {
    const boost::json::value* value = nullptr;
    switch (operand.scope) {
    case Scope::literal:
    case Scope::now:
        return value;
    case Scope::data:
        value = find(&context.patch, operand.field);
        if (!value) value = find(&context.data, operand.field);
        if (!value) {
            if (const FieldSpec* spec = context.definition.find_field(operand.field); spec && spec->fallback) {
                value = &*spec->fallback;
            }
        }
        break;
    case Scope::payload:
        value = find(context.payload, operand.field);
        break;
    case Scope::parent:
        if (!context.parent) return fail("parent." + operand.field + " is read, but this instance has no parent");
        value = find(context.parent, operand.field);
        break;
    case Scope::item:
        if (!context.item) return fail(std::string("'item' is read outside for_each"));
        value = operand.field.empty() ? context.item
                                      : (context.item->is_object() ? find(&context.item->get_object(), operand.field)
                                                                   : nullptr);
        break;
    }
    if (!value || value->is_null()) {
        return fail(scope_prefix(operand.scope) + operand.field + " is not set");
    }
    return value;
}

Result<Scalar, std::string> read(const Operand& operand, const EvaluationContext& context) {
    if (operand.scope == Scope::now) return Scalar{context.now};
    if (operand.scope == Scope::literal) {
        return std::visit(
            [](const auto& literal) -> Scalar {
                if constexpr (std::is_same_v<std::decay_t<decltype(literal)>, std::string>) {
                    return std::string_view(literal);
                } else {
                    return literal;
                }
            },
            operand.literal);
    }
    auto value = stored(operand, context);
    if (!value) return fail(std::move(value).error());
    return from_json(*value.value(), operand.type, operand);
}

// `list + x` appends x, `list - x` drops every element equal to x; when x is a list, each of its
// elements is added or dropped.
boost::json::array list_sum(const boost::json::array& list, const Scalar& right, bool subtract) {
    boost::json::array items;
    if (const auto* other = list_of(right)) {
        items = *other;
    } else {
        items.push_back(to_json(right));
    }
    boost::json::array sum;
    if (!subtract) {
        sum = list;
        for (auto& item : items) sum.push_back(std::move(item));
        return sum;
    }
    for (const auto& element : list) {
        if (std::find(items.begin(), items.end(), element) == items.end()) sum.push_back(element);
    }
    return sum;
}

Result<Scalar, std::string> add(const Scalar& left, const Scalar& right, bool subtract, std::string_view source) {
    if (const auto* list = list_of(left)) return Scalar{list_sum(*list, right, subtract)};
    if (const auto* a = std::get_if<std::int64_t>(&left)) {
        if (const auto* b = std::get_if<std::int64_t>(&right)) {
            std::int64_t sum = 0;
            const bool overflow = subtract ? __builtin_sub_overflow(*a, *b, &sum) : __builtin_add_overflow(*a, *b, &sum);
            if (overflow) return fail("'" + std::string(source) + "' is too large to compute");
            return Scalar{sum};
        }
    }
    const auto as_double = [](const Scalar& value) -> std::optional<double> {
        if (const auto* whole = std::get_if<std::int64_t>(&value)) return static_cast<double>(*whole);
        if (const auto* real = std::get_if<double>(&value)) return *real;
        return std::nullopt;
    };
    if (const auto a = as_double(left), b = as_double(right); a && b) return Scalar{subtract ? *a - *b : *a + *b};
    if (const auto* time = std::get_if<Time>(&left)) {
        if (const auto* duration = std::get_if<Duration>(&right)) return Scalar{subtract ? *time - *duration : *time + *duration};
        if (const auto* other = std::get_if<Time>(&right); other && subtract) return Scalar{Duration{*time - *other}};
    }
    if (const auto* a = std::get_if<Duration>(&left)) {
        if (const auto* b = std::get_if<Duration>(&right)) return Scalar{subtract ? *a - *b : *a + *b};
    }
    return fail("cannot " + std::string(subtract ? "subtract " : "add ") + describe(right) + " in '" +
                std::string(source) + "'");
}

Result<Scalar, std::string> negate(const Scalar& value, std::string_view source) {
    if (const auto* whole = std::get_if<std::int64_t>(&value)) return Scalar{-*whole};
    if (const auto* real = std::get_if<double>(&value)) return Scalar{-*real};
    if (const auto* duration = std::get_if<Duration>(&value)) return Scalar{-*duration};
    return fail("cannot negate " + describe(value) + " in '" + std::string(source) + "'");
}

template <class T>
bool ordered(const T& left, const T& right, CompareOp op) {
    switch (op) {
    case CompareOp::equal: return left == right;
    case CompareOp::not_equal: return left != right;
    case CompareOp::less: return left < right;
    case CompareOp::less_equal: return left <= right;
    case CompareOp::greater: return left > right;
    case CompareOp::greater_equal: return left >= right;
    }
    return false;
}

Result<bool, std::string> compare(const Scalar& left, const Scalar& right, CompareOp op, std::string_view source) {
    if (const auto* a = list_of(left), *b = list_of(right); a && b) {
        if (op == CompareOp::equal) return *a == *b;
        if (op == CompareOp::not_equal) return *a != *b;
        return fail("cannot order lists in '" + std::string(source) + "'");
    }
    if (left.index() == right.index()) {
        return std::visit(
            [&](const auto& a) -> Result<bool, std::string> {
                using T = std::decay_t<decltype(a)>;
                const auto& b = std::get<T>(right);
                if constexpr (std::is_same_v<T, const boost::json::value*>) {
                    if (op == CompareOp::equal) return *a == *b;
                    if (op == CompareOp::not_equal) return *a != *b;
                    return fail("cannot order lists or objects in '" + std::string(source) + "'");
                } else if constexpr (std::is_same_v<T, std::monostate>) {
                    return op == CompareOp::equal;
                } else if constexpr (std::is_same_v<T, boost::json::array>) {
                    return a == b;  // not reached: lists are compared above, by list_of
                } else {
                    return ordered(a, b, op);
                }
            },
            left);
    }
    const auto as_double = [](const Scalar& value) -> std::optional<double> {
        if (const auto* whole = std::get_if<std::int64_t>(&value)) return static_cast<double>(*whole);
        if (const auto* real = std::get_if<double>(&value)) return *real;
        return std::nullopt;
    };
    if (const auto a = as_double(left), b = as_double(right); a && b) return ordered(*a, *b, op);
    return fail("cannot compare " + describe(left) + " with " + describe(right) + " in '" + std::string(source) + "'");
}

}  // namespace

const boost::json::array* list_of(const Scalar& value) {
    if (const auto* computed = std::get_if<boost::json::array>(&value)) return computed;
    if (const auto* const* stored = std::get_if<const boost::json::value*>(&value); stored && (*stored)->is_array()) {
        return &(*stored)->get_array();
    }
    return nullptr;
}

Result<Scalar, std::string> evaluate(const Expression& expression, const EvaluationContext& context) {
    Scalar total;
    bool first = true;
    for (const auto& term : expression.terms) {
        auto value = read(term.operand, context);
        if (!value) return value;
        if (first) {
            first = false;
            if (!term.negated) {
                total = std::move(value).value();
                continue;
            }
            auto negated = negate(value.value(), expression.source);
            if (!negated) return negated;
            total = negated.value();
            continue;
        }
        auto sum = add(total, value.value(), term.negated, expression.source);
        if (!sum) return sum;
        total = sum.value();
    }
    return total;
}

Result<bool, std::string> evaluate(const Comparison& comparison, const EvaluationContext& context) {
    auto left = evaluate(comparison.left, context);
    if (!left) return fail(std::move(left).error());
    auto right = evaluate(comparison.right, context);
    if (!right) return fail(std::move(right).error());
    return compare(left.value(), right.value(), comparison.op, comparison.source);
}

std::string describe_failure(const Comparison& comparison, const EvaluationContext& context) {
    auto left = evaluate(comparison.left, context);
    auto right = evaluate(comparison.right, context);
    if (!left || !right) return "";
    return describe(left.value()) + " " + std::string(operator_text(comparison.op)) + " " + describe(right.value()) +
           " is false";
}

Result<boost::json::value, std::string> evaluate_json(const Expression& expression, const EvaluationContext& context) {
    if (expression.terms.size() == 1 && !expression.terms.front().negated) {
        auto value = stored(expression.terms.front().operand, context);
        if (!value) return fail(std::move(value).error());
        if (value.value()) return boost::json::value(*value.value());
    }
    auto value = evaluate(expression, context);
    if (!value) return fail(std::move(value).error());
    return to_json(value.value());
}

boost::json::value to_json(const Scalar& value) {
    return std::visit(
        [](const auto& v) -> boost::json::value {
            using T = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<T, std::monostate>) {
                return nullptr;
            } else if constexpr (std::is_same_v<T, std::string_view>) {
                return boost::json::string(v);
            } else if constexpr (std::is_same_v<T, Time>) {
                return boost::json::string(format_rfc3339(v));
            } else if constexpr (std::is_same_v<T, Duration>) {
                return boost::json::string(format_duration(v));
            } else if constexpr (std::is_same_v<T, const boost::json::value*>) {
                return *v;
            } else {
                return v;
            }
        },
        value);
}

std::string describe(const Scalar& value) {
    if (const auto* time = std::get_if<Time>(&value)) return format_rfc3339(*time);
    if (const auto* duration = std::get_if<Duration>(&value)) return format_duration(*duration);
    if (const auto* text = std::get_if<std::string_view>(&value)) return "'" + std::string(*text) + "'";
    return boost::json::serialize(to_json(value));
}

}  // namespace seminarflow
