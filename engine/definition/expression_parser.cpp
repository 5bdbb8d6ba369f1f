#include "engine/definition/expression_parser.hpp"

#include <array>
#include <cctype>
#include <charconv>
#include <optional>

namespace seminarflow {
namespace {

bool is_identifier_start(char c) { return std::islower(static_cast<unsigned char>(c)) || c == '_'; }
bool is_identifier_char(char c) {
    return is_identifier_start(c) || std::isdigit(static_cast<unsigned char>(c)) || c == '.';
}
bool is_digit(char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }

class Parser {
public:
    explicit Parser(std::string_view text) : text_(text) {}

    Result<Expression, ExpressionError> expression() {
        Expression result;
        skip_space();
        const std::size_t start = at_;
        bool negated = false;
        if (peek() == '-') {
            negated = true;
            ++at_;
        }
        for (;;) {
            auto operand = this->operand();
            if (!operand) return fail(std::move(operand).error());
            result.terms.push_back({negated, std::move(operand).value()});
            skip_space();
            if (peek() != '+' && peek() != '-') break;
            negated = peek() == '-';
            ++at_;
        }
        result.source = trimmed(start, at_);
        return result;
    }

    std::optional<CompareOp> compare_op() {
        skip_space();
        static constexpr std::array<std::pair<std::string_view, CompareOp>, 6> ops{{
            {"==", CompareOp::equal},
            {"!=", CompareOp::not_equal},
            {"<=", CompareOp::less_equal},
            {">=", CompareOp::greater_equal},
            {"<", CompareOp::less},
            {">", CompareOp::greater},
        }};
        for (const auto& [text, op] : ops) {
            if (text_.substr(at_).starts_with(text)) {
                at_ += text.size();
                return op;
            }
        }
        return std::nullopt;
    }

    bool at_end() {
        skip_space();
        return at_ == text_.size();
    }
    std::size_t offset() const { return at_; }
    std::string_view text() const { return text_; }

private:
    Result<Operand, ExpressionError> operand() {
        skip_space();
        const std::size_t start = at_;
        if (at_ == text_.size()) return error(start, "an expression ends where a value was expected");
        const char c = text_[at_];
        if (c == '\'') return string_literal();
        if (is_digit(c)) return number_like();
        if (is_identifier_start(c)) return reference();
        return error(start, "unexpected '" + std::string(1, c) + "'");
    }

    Result<Operand, ExpressionError> string_literal() {
        const std::size_t start = at_++;
        const std::size_t end = text_.find('\'', at_);
        if (end == std::string_view::npos) return error(start, "a text in quotes is not closed");
        Operand operand;
        operand.literal = std::string(text_.substr(at_, end - at_));
        operand.type = ValueType::string;
        at_ = end + 1;
        return operand;
    }

    // A number, a duration ("1d12h") or an absolute time ("2026-12-01T08:00:00Z").
    Result<Operand, ExpressionError> number_like() {
        const std::size_t start = at_;
        std::size_t end = at_;
        while (end < text_.size() && !std::isspace(static_cast<unsigned char>(text_[end])) &&
               (std::isalnum(static_cast<unsigned char>(text_[end])) || text_[end] == '.' ||
                text_[end] == ':' || (is_time_shape(start) && (text_[end] == '-' || text_[end] == '+')))) {
            ++end;
        }
        const std::string_view word = text_.substr(start, end - start);
        at_ = end;
        Operand operand;
        if (is_time_shape(start)) {
            const auto time = parse_rfc3339(word);
            if (!time) return error(start, "'" + std::string(word) + "' is not a valid RFC 3339 time");
            operand.literal = *time;
            operand.type = ValueType::time;
            return operand;
        }
        if (word.find_first_not_of("0123456789.") != std::string_view::npos) {
            const auto duration = parse_duration(word);
            if (!duration) {
                return error(start, "'" + std::string(word) +
                                        "' is not a valid duration (write e.g. 30m, 2h, 1d12h, 2w)");
            }
            operand.literal = *duration;
            operand.type = ValueType::duration;
            return operand;
        }
        if (word.find('.') != std::string_view::npos) {
            double number = 0;
            const auto [rest, failure] = std::from_chars(word.data(), word.data() + word.size(), number);
            if (failure != std::errc{} || rest != word.data() + word.size()) {
                return error(start, "'" + std::string(word) + "' is not a number");
            }
            operand.literal = number;
            operand.type = ValueType::number;
            return operand;
        }
        std::int64_t number = 0;
        const auto [rest, failure] = std::from_chars(word.data(), word.data() + word.size(), number);
        if (failure != std::errc{} || rest != word.data() + word.size()) {
            return error(start, "'" + std::string(word) + "' is too large a number");
        }
        operand.literal = number;
        operand.type = ValueType::integer;
        return operand;
    }

    bool is_time_shape(std::size_t start) const {
        return start + 10 < text_.size() && is_digit(text_[start]) && is_digit(text_[start + 3]) &&
               text_[start + 4] == '-' && text_[start + 7] == '-';
    }

    Result<Operand, ExpressionError> reference() {
        const std::size_t start = at_;
        while (at_ < text_.size() && is_identifier_char(text_[at_])) ++at_;
        const std::string_view word = text_.substr(start, at_ - start);
        Operand operand;
        if (word == "true" || word == "false") {
            operand.literal = word == "true";
            operand.type = ValueType::boolean;
            return operand;
        }
        if (word == "now") {
            operand.scope = Scope::now;
            operand.type = ValueType::time;
            return operand;
        }
        const std::size_t dot = word.find('.');
        const std::string_view head = word.substr(0, dot);
        const std::string_view rest = dot == std::string_view::npos ? "" : word.substr(dot + 1);
        if (rest.find('.') != std::string_view::npos || (dot != std::string_view::npos && rest.empty())) {
            return error(start, "'" + std::string(word) + "' reads too deep: write scope.field, e.g. payload.title");
        }
        if (head == "data" || head == "payload" || head == "parent") {
            if (rest.empty()) return error(start, "'" + std::string(head) + "' needs a field, e.g. " + std::string(head) + ".title");
            operand.scope = head == "data" ? Scope::data : head == "payload" ? Scope::payload : Scope::parent;
            operand.field = std::string(rest);
        } else if (head == "item") {
            operand.scope = Scope::item;
            operand.field = std::string(rest);
        } else if (dot == std::string_view::npos) {
            operand.scope = Scope::data;  // a bare name is a data field: `starts_at - 1d`
            operand.field = std::string(word);
        } else {
            return error(start, "unknown scope '" + std::string(head) +
                                    "': use data., payload., parent. or item.");
        }
        return operand;
    }

    char peek() const { return at_ < text_.size() ? text_[at_] : '\0'; }
    void skip_space() {
        while (at_ < text_.size() && std::isspace(static_cast<unsigned char>(text_[at_]))) ++at_;
    }
    std::string trimmed(std::size_t start, std::size_t end) const {
        while (end > start && std::isspace(static_cast<unsigned char>(text_[end - 1]))) --end;
        return std::string(text_.substr(start, end - start));
    }
    static Failure<ExpressionError> error(std::size_t offset, std::string message) {
        return fail(ExpressionError{offset, std::move(message)});
    }

    std::string_view text_;
    std::size_t at_ = 0;
};

}  // namespace

Result<Expression, ExpressionError> parse_expression(std::string_view text) {
    Parser parser(text);
    auto expression = parser.expression();
    if (!expression) return expression;
    if (!parser.at_end()) {
        return fail(ExpressionError{parser.offset(), "unexpected '" + std::string(text.substr(parser.offset())) +
                                                         "' after the expression"});
    }
    return expression;
}

Result<Comparison, ExpressionError> parse_comparison(std::string_view text) {
    Parser parser(text);
    auto left = parser.expression();
    if (!left) return fail(std::move(left).error());
    const std::size_t op_at = parser.offset();
    const auto op = parser.compare_op();
    if (!op) {
        return fail(ExpressionError{op_at, "a check compares two values: expected ==, !=, <, <=, > or >= after '" +
                                               left->source + "'"});
    }
    auto right = parser.expression();
    if (!right) return fail(std::move(right).error());
    if (!parser.at_end()) {
        return fail(ExpressionError{parser.offset(), "unexpected '" + std::string(text.substr(parser.offset())) +
                                                         "' after the comparison"});
    }
    Comparison comparison{std::move(left).value(), *op, std::move(right).value(), {}};
    comparison.source = comparison.left.source + " " + std::string(operator_text(*op)) + " " + comparison.right.source;
    return comparison;
}

}  // namespace seminarflow
