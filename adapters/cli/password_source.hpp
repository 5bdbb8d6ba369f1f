#pragma once
// Where an operator keeps an email relay's password for `endpoints add`: a file (its first line)
// or an environment variable, so that it never stands on a command line (ps, shell history).
#include <functional>
#include <optional>
#include <string>

#include "engine/model/result.hpp"

namespace seminarflow {

struct PasswordSource {
    std::optional<std::string> file = std::nullopt;      // --password-file
    std::optional<std::string> variable = std::nullopt;  // --password-env
};

// The password, nothing when neither was given, or why it cannot be read; `environment` looks a
// variable up (std::getenv, or a test's own).
Result<std::optional<std::string>, std::string> read_password(
    const PasswordSource& source, const std::function<const char*(const char*)>& environment);

}  // namespace seminarflow
