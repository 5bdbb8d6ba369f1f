#pragma once
// The bearer tokens API callers present (`Authorization: Bearer sft_...`), as the store keeps
// them: a name, a role and the units they act for, and only a hash of the secret. The secret is
// shown once, when `seminarflow tokens create` makes it, and cannot be read back from here.
#include <optional>
#include <string>
#include <vector>

#include "engine/model/role.hpp"
#include "engine/model/time.hpp"

namespace seminarflow {

struct ApiToken {
    std::string id;    // a UUID: what the history names as the actor of the events it sends
    std::string name;  // for people; unique among the tokens not revoked
    Role role = Role::viewer;
    std::vector<std::string> units = {};  // the member units it acts for; empty: none in particular
    std::string hash;                // SHA-256 of the token, lower-case hex
    Time created_at{};
    std::optional<Time> last_used_at = std::nullopt;  // kept to the minute, not to the request
    std::optional<Time> revoked_at = std::nullopt;

    bool revoked() const { return revoked_at.has_value(); }
};

// What creating a token came to: refused, not failed, when an active token has its name.
enum class TokenCreation { created, name_taken };

}  // namespace seminarflow
