#pragma once
// Expected failures travel as values (DESIGN.md, code style): a Result holds either the value
// or the error, never both. Exceptions stay for bugs and start-up errors.
#include <cassert>
#include <utility>
#include <variant>

namespace seminarflow {

template <class E>
struct Failure {
    E error;
};

template <class E>
Failure<std::decay_t<E>> fail(E&& error) {
    return {std::forward<E>(error)};
}

template <class T, class E>
class [[nodiscard]] Result {
public:
    Result(T value) : content_(std::in_place_index<0>, std::move(value)) {}
    Result(Failure<E> failure) : content_(std::in_place_index<1>, std::move(failure.error)) {}

    bool ok() const noexcept { return content_.index() == 0; }
    explicit operator bool() const noexcept { return ok(); }

    T& value() & { assert(ok()); return std::get<0>(content_); }
    const T& value() const& { assert(ok()); return std::get<0>(content_); }
    T&& value() && { assert(ok()); return std::get<0>(std::move(content_)); }
    T& operator*() & { return value(); }
    const T& operator*() const& { return value(); }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }

    const E& error() const& { assert(!ok()); return std::get<1>(content_); }
    E&& error() && { assert(!ok()); return std::get<1>(std::move(content_)); }

private:
    std::variant<T, E> content_;
};

}  // namespace seminarflow
