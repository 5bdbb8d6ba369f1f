#pragma once
// What `seminarflow tokens` decides before and after it asks the store: whether a name and units
// can be given to a token, which token `revoke NAME-or-ID` means, and how `list` shows them.
// Plain functions: the command (tokens_command.cpp) does the I/O.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/ports/api_tokens.hpp"

namespace seminarflow {

// Why `name` cannot name a token, or nothing if it can: 1 to 100 characters of UTF-8, no control
// characters, not blank, and not shaped like a token id (a UUID), which `revoke` could not tell apart.
std::optional<std::string> token_name_problem(std::string_view name);
// Why `units` cannot be a token's units: each one 1 to 200 characters of UTF-8, no control
// characters, none given twice.
std::optional<std::string> token_units_problem(const std::vector<std::string>& units);

// Which token `tokens revoke NAME-or-ID` means: the one with that id, else the one in force with
// that name. `in_force` is false when only revoked tokens match; nothing when none does.
struct TokenChoice {
    ApiToken token;
    bool in_force = false;
};
std::optional<TokenChoice> choose_token(const std::vector<ApiToken>& tokens, std::string_view name_or_id);

// `tokens list`: a table, one token a line, oldest first; never a token or its hash.
std::string token_table(const std::vector<ApiToken>& tokens);

}  // namespace seminarflow
